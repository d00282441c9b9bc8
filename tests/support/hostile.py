"""A corpus of hostile input, by kind, for tests/sweeps/test_hostile_input.py.

Each kind maps a readable name (it appears in the test's problem lines) to a value. JSON
values are Python objects a script could send; QUERY values are already percent-encoded,
because some of them (invalid UTF-8, a lone surrogate's bytes) cannot be a ``str`` at all;
FORM values are what a browser could post. The tests pick a representative subset per
field or parameter type (``for_query``, ``for_json``, ``for_form``) so that the cross
product stays small.
"""
LONG = "x" * 10_000
NUL = "a\x00b"
CONTROL = "a\x01\x08\x1b[31m\x7f\u202eb"      # C0 controls, an ANSI escape, DEL, a bidi override
SURROGATE = "a\ud800b"                     # valid in JSON ("\ud800"), not encodable as UTF-8
SCRIPT = "<script>alert('hostile')</script>"
MARKUP = '"><img src=x onerror=alert(1)>'
HUGE_DIGITS = "9" * 5_000                  # past Python's 4,300-digit int() limit
UNICODE_DIGIT = "\u00b2"                   # '²': str.isdigit() says yes, int() says no

TEXT = {"long": LONG, "nul": NUL, "control": CONTROL, "surrogate": SURROGATE, "script": SCRIPT,
        "markup": MARKUP, "empty": ""}
URLS = {
    "javascript": "javascript:alert(1)", "javascript mixed case": " JaVaScRiPt:alert(1)",
    "javascript tab": "java\tscript:alert(1)", "data": "data:text/html,<script>alert(1)</script>",
    "vbscript": "vbscript:msgbox(1)", "nul": "https://example.org/a\x00b",
    "long": "https://example.org/" + LONG, "no scheme": "//example.org/x",
}
DATES = {
    "zeros": "0000-00-00", "year 10000": "10000-01-01", "minus one": "-1", "feb 30": "2025-02-30",
    "year 0": "0000-01-01", "negative year": "-0001-01-01", "number": 20250212, "slashes": "12/02/2025",
}
# Datetimes at the edge of the calendar whose UTC equivalent is out of it.
DATETIMES = {"last second west": "9999-12-31T23:59:59-23:59", "first second east": "0001-01-01T00:00:00+23:59",
             "feb 30": "2025-02-30T00:00:00Z", "year 10000": "10000-01-01T00:00:00Z"}
INTEGERS = {
    "huge": 10**20, "negative": -1, "float": 2.5, "word": "many", "unicode digit": UNICODE_DIGIT,
    "huge digits": HUGE_DIGITS, "exponent": "1e400", "boolean": True,
}
BOOLEANS = {"word": "maybe", "two": 2, "list": [True], "string true": "yes please"}
CHOICES = {"unknown": "nope", "nul": NUL, "number": 5, "list": ["a"], "long": LONG}
IDS = {"huge": 10**20, "negative": -1, "word": "abc", "float": 1.5, "unicode digit": UNICODE_DIGIT,
       "list": [1], "object": {"id": 1}}
SHAPES = {"list": ["x"], "object": {"x": 1}, "null": None, "number": 5}
NESTED_LISTS = {"string": "x", "object": {"x": 1}, "scalars": [5], "lists": [[1]], "deep": [[[[[[[[]]]]]]]],
                "nulls": [None]}

# Raw query-string values (percent-encoded), by what they try.
QUERY = {
    "long": "x" * 5_000, "nul": "%00", "control": "%01%1B%7F", "invalid utf-8": "%FF%FE",
    "surrogate bytes": "%ED%A0%80", "script": "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "javascript": "javascript%3Aalert(1)", "huge digits": HUGE_DIGITS, "unicode digit": "%C2%B2",
    "negative": "-1", "float": "1.5", "zero date": "0000-00-00", "year 10000": "10000-01-01",
    "feb 30": "2025-02-30", "edge datetime": "9999-12-31T23:59:59-23:59",
    "edge datetime east": "0001-01-01T00:00:00%2B23:59", "list": "%5B1%2C2%5D", "empty": "",
}
# Path segments standing in for an id or a slug.
PATH_IDS = {"huge": "9" * 30, "huge digits": HUGE_DIGITS, "unicode digit": "%C2%B2", "negative": "-1",
            "zero": "0", "float": "1.5", "nul": "%00", "invalid utf-8": "%FF", "script": "%3Cscript%3E",
            "long": "x" * 3_000}

# Request bodies that are not what the API expects.
MALFORMED_JSON = {
    "truncated": b'{"title": "x",', "single quotes": b"{'title': 'x'}", "nan": b'{"title": NaN}',
    "infinity": b'{"announced_total": Infinity}', "invalid utf-8": b'{"title": "\xff\xfe"}',
    "utf-16": '{"title": "x"}'.encode("utf-16"), "bom": b'\xef\xbb\xbf{"title": "x"}',
    "trailing garbage": b'{"title": "x"} {}', "whitespace": b"  \n ",
    "huge number": b'{"announced_total": ' + HUGE_DIGITS.encode() + b"}",
    "deep": b"[" * 50_000 + b"]" * 50_000, "deep objects": b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
}
WRONG_CONTENT_TYPES = ["application/x-www-form-urlencoded", "text/plain", "application/xml",
                       "multipart/form-data; boundary=B", "application/json; charset=latin-1",
                       "application/vnd.api+json", ""]
UNKNOWN_METHODS = ["FOO", "TRACE", "PROPFIND", "CONNECT", "DELETE"]


def for_query(kind):
    """The query values worth trying on a parameter of OpenAPI/filter ``kind``."""
    common = ["long", "nul", "invalid utf-8", "surrogate bytes", "script", "list", "empty"]
    specific = {
        "integer": ["huge digits", "unicode digit", "negative", "float"],
        "date": ["zero date", "year 10000", "feb 30", "negative"],
        "date-time": ["edge datetime", "edge datetime east", "feb 30", "year 10000"],
        "choice": ["control", "javascript"],
        "string": ["control", "javascript"],
    }[kind]
    return {name: QUERY[name] for name in common + specific}


def for_page(kind):
    """Fewer values for the HTML pages, which cost more per request than the API."""
    return {name: value for name, value in for_query(kind).items()
            if name in ("long", "nul", "invalid utf-8")} | dict(list(for_query(kind).items())[7:8])


def for_json(kind):
    """The JSON values worth trying on a writable field of ``kind``."""
    return {
        "text": {**{k: TEXT[k] for k in ("long", "nul", "control", "surrogate", "script")},
                 "number": 5},
        "url": {**URLS, "number": 5, "list": ["https://example.org/"]},
        "date": {**DATES, "list": ["2025-02-12"]},
        "integer": {**INTEGERS, "list": [1]},
        "boolean": BOOLEANS,
        "choice": CHOICES,
        "id": IDS,
        "nested": NESTED_LISTS,
        "list": {"string": "BY", "nested": [["BY"]], "object": {"x": 1}, "nul": [NUL], "numbers": [5]},
    }[kind]


def for_form(kind):
    """The values worth posting in an admin form field of ``kind``."""
    return {
        "text": {"script": SCRIPT, "nul": NUL, "long": LONG},
        "url": {"javascript": URLS["javascript"], "data": URLS["data"], "vbscript": URLS["vbscript"]},
        "date": {"zeros": "0000-00-00", "year 10000": "10000-01-01", "minus one": "-1", "feb 30": "2025-02-30"},
        "number": {"huge digits": HUGE_DIGITS, "unicode digit": UNICODE_DIGIT, "exponent": "1e400"},
    }[kind]
