"""English dates as the seminar's report writes them: "21 February 2017"."""

DATE_FORMAT = "j F Y"
