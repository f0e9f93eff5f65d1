from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "deventer_werk.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token per systeem, gekoppeld aan een organisatie en een rol: "
            "`Token <sleutel>`.",
        }


FOUT_SCHEMA = {
    "type": "object",
    "description": "Foutmelding: `detail` (algemeen) of per veld een lijst met meldingen.",
    "additionalProperties": True,
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
}
FOUTEN = {
    "400": "Ongeldige invoer; per veld de meldingen (Nederlands).",
    "401": "Niet ingelogd of ongeldige token.",
    "403": "Uw rol mag dit niet.",
    "404": "Niet gevonden, of buiten uw need-to-know.",
    "409": "Iemand anders heeft dit intussen gewijzigd (versie).",
}


def documenteer_fouten(result, generator, request, public):
    """Postprocessing hook: every operation documents the JSON errors it can answer."""
    result.setdefault("components", {}).setdefault("schemas", {})["Fout"] = FOUT_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            codes = ["400", "401", "403", "404"]
            if method in ("put", "patch"):
                codes.append("409")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": FOUTEN[code],
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}
                        },
                    },
                )
    return result
