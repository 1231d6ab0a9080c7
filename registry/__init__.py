"""The seminar registry app: editions, sessions, delegates and the reference data around them."""
