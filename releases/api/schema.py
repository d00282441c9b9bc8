"""Make the OpenAPI schema list every status code the API can answer, and every value its
query parameters accept."""
from django_countries import countries

ERROR = {
    "description": "An error: {\"detail\": \"...\"}, or for a 400 {\"<field or parameter>\": [\"<problem>\", ...]}.",
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
}
IF_MATCH = {
    "name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
    "description": "The record's \"version\" when you read it, quoted: If-Match: \"<version>\". "
    "If the record was saved since, nothing is written and the answer is 412. Optional: "
    "without it (and without \"version\" in the body) the last save wins. Not the ETag of a "
    "read, which changes whenever anything in the dataset changes.",
}
NOT_MODIFIED = {"description": "Not modified: the copy named by If-None-Match / If-Modified-Since is current."}


def error(text):
    return {**ERROR, "description": f"{text} {ERROR['description']}"}


def close_request_bodies(result):
    """Request bodies take exactly their listed fields: any other key is a 400 (writers.py),
    so every request component says additionalProperties: false."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component.setdefault("additionalProperties", False)


SELF_DESCRIBED = {"format", "page", "page_size", "ordering"}
NO_NUL = "^[^\\u0000]*$"


def describe_filter_parameters(parameters):
    """The filters' exact values: a country is an ISO code (the filter's choices are a callable,
    which drf-spectacular cannot list), and an empty value is "any" (as a filter form sends it),
    so the schema says so: a client or a fuzzer may rely on exactly what it promises."""
    for parameter in parameters:
        if parameter.get("in") != "query" or parameter["name"] in SELF_DESCRIBED:
            continue
        schema = parameter["schema"]
        if schema.get("type") == "integer":
            schema["minimum"] = 1  # a record's id: ids start at 1
        elif parameter["name"] in ("country", "citizenship"):
            schema["enum"] = ["", *(code for code, _ in countries)]
        elif "enum" in schema:
            schema["enum"] = ["", *(value for value in schema["enum"] if value != "")]
        elif schema.get("format") in ("date", "date-time") or parameter["name"] == "since":
            given = {"type": "string", "format": schema.get("format", "date-time")}
            parameter["schema"] = {"anyOf": [given, {"type": "string", "enum": [""]}]}
        elif schema.get("type") == "string":
            schema["pattern"] = NO_NUL  # free text (q, outlet): a NUL character is a 400


def document_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: add the error and 304 responses to each operation,
    and If-Match with its 409/412 to the updates of versioned records."""
    close_request_bodies(result)
    for path, operations in result.get("paths", {}).items():
        is_detail = "{id}" in path
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if method == "get" and {} not in operation.get("security", [{}]):
                operation["security"].append({})  # reads are public: no credentials needed
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and parameter["name"] in ("page", "page_size"):
                    parameter["schema"]["minimum"] = 1  # pagination.py: anything below is a 400
            if method == "get":
                describe_filter_parameters(operation.get("parameters", []))
            extra = {
                "429": error("Too many requests (anonymous rate limit); see Retry-After."),
                # Refused by the HTTP server before the API sees it (gunicorn: 4094 bytes).
                "414": {"description": "URI too long: the request line is over the server's limit."},
            }
            if method == "get":
                extra["304"] = NOT_MODIFIED
                extra["400"] = error("A malformed or unknown query parameter.")
                extra["406"] = error("The Accept header asks for a format the API does not serve.")
                extra["404"] = error("No such published record." if is_detail else "No such page.")
            else:
                extra["400"] = error("Invalid data: unknown, server-owned or invalid fields.")
                extra["401"] = error("Authentication required (Authorization: Token <key>).")
                extra["403"] = error("Your account lacks the editor permission for this.")
                extra["415"] = error("The body is not JSON (Content-Type: application/json).")
                if is_detail:
                    extra["404"] = error("No such record.")
            if is_detail and method in ("put", "patch") and "/citations/" not in path:
                # Versioned records (see releases/api/writers.py, check_unchanged).
                extra["409"] = error("Someone saved this record after the \"version\" sent in "
                                     "the body (or while the request was handled): nothing was "
                                     "written; the body says who and when (changed_by, "
                                     "changed_at) and the current_version.")
                extra["412"] = error("Someone saved this record after the version sent in "
                                     "If-Match: nothing was written; as for 409.")
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "If-Match" for p in parameters):
                    parameters.append(IF_MATCH)
            if path.endswith("/prisoners/") and method == "post":
                extra["409"] = error("This person may already be in the tracker: the body lists "
                                     "the candidates (id, preferred_name, publication_status, "
                                     "matched_name, score, reasons); send confirm_distinct: true "
                                     "if it is someone else.")
            if path.endswith("/prisoners/{id}/") and method == "get":
                extra["301"] = {
                    "description": "This record was merged into another: Location is the kept record.",
                    "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
                }
            for code, response in extra.items():
                responses.setdefault(code, response)
    return result
