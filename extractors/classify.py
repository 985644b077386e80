"""What kind of document a file is, from what was read of it."""

from schemas.mrz import MrzReading

# Document types the office accepts as identity pieces (DOMAIN.md).
IDENTITY_TYPES = frozenset({"cni_td1", "cni_1988", "passport", "residence_permit",
                            "foreign_id_card"})


def document_type(mrz: MrzReading) -> str:
    """The type a valid MRZ names.

    French card of 2021 (cni_td1) or 1988-2021, passport, residence permit, a foreign
    identity card, a visa or a driving licence.
    """
    code, state = mrz.fields.get("document_code", ""), mrz.fields.get("issuing_state", "")
    if mrz.format == "FRA_CNI_1988":
        return "cni_1988"
    if mrz.format == "FRA_DL":
        return "driving_licence"
    if mrz.format in ("MRVA", "MRVB"):
        return "visa"
    if mrz.format == "TD3":
        return "passport"
    if code.startswith(("IR", "TS")) or (state == "FRA" and mrz.fields.get("nationality")
                                         not in ("FRA", None) and code.startswith("I")):
        return "residence_permit"
    if state == "FRA" and code.startswith("ID"):
        return "cni_td1"
    return "foreign_id_card"
