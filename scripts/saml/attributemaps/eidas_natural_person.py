# eIDAS natural-person attributes (eIDAS SAML Attribute Profile 1.2), by friendly name.
# pysaml2 attribute map for the test IdP: "to" maps the local (lower-case friendly) names to
# the attribute URIs an eIDAS node sends; "fro" the other way.
NAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
PREFIX = "http://eidas.europa.eu/attributes/naturalperson/"

MAP = {
    "identifier": NAME_FORMAT_URI,
    "fro": {
        PREFIX + "CurrentFamilyName": "familyname",
        PREFIX + "CurrentGivenName": "firstname",
        PREFIX + "DateOfBirth": "dateofbirth",
        PREFIX + "PersonIdentifier": "personidentifier",
    },
    "to": {
        "familyname": PREFIX + "CurrentFamilyName",
        "firstname": PREFIX + "CurrentGivenName",
        "dateofbirth": PREFIX + "DateOfBirth",
        "personidentifier": PREFIX + "PersonIdentifier",
    },
}
