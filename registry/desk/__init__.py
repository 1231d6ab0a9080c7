"""The registration desk's pages, outside the public URLs (their own URLconf, under /desk/):
check-in from the code on a badge, by a USB scanner (which types the code and Enter into the
focused field) or by typing, and by name where a badge is missing."""
