"""Make the OpenAPI schema list every status code the API can answer."""

ERROR = {
    "description": "An error: {\"detail\": \"...\"}, or for a 400 {\"<field or parameter>\": [\"<problem>\", ...]}.",
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
}
NOT_MODIFIED = {"description": "Not modified: the copy named by If-None-Match / If-Modified-Since is current."}


def error(text):
    return {**ERROR, "description": f"{text} {ERROR['description']}"}


def document_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: add the error and 304 responses to each operation."""
    for path, operations in result.get("paths", {}).items():
        is_detail = "{id}" in path
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            extra = {"429": error("Too many requests (anonymous rate limit); see Retry-After.")}
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
