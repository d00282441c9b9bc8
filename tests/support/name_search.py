"""What the name search costs a request, for the tests that count queries."""

# Queries the name search adds to a request, whatever the number of people or names: the
# people matching the rarest word, those of them matching every word, and their names; when
# nobody matches, the first and a looser lookup (misspellings, some of the words).
NAME_SEARCH_WITHOUT_CANDIDATES = 2
NAME_SEARCH_WITH_CANDIDATES = 3
