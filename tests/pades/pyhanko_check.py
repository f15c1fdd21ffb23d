#!/usr/bin/env python3
"""An independent PAdES validator for the insider tests (tests/it/insider.rs): pyHanko.

    pyhanko_check.py FILE.pdf --root OFFICE.cer [--crl OFFICE.crl ...] [--at signing|now|ISO]

Validates every signature embedded in FILE.pdf with pyHanko's own parser, CMS and path
validation, trusting only the given office certificate(s) (PEM or DER), with the given
CRLs and nothing fetched from the network. Prints one JSON line per signature:

    {"field", "intact", "valid", "trusted", "revoked", "revocation_reason", "revocation_date",
     "coverage", "modification_level", "docmdp_ok", "bottom_line", "signer", "signing_time",
     "validation_time", "trust_problem", "error"}

`intact`: the digest of the signed byte ranges matches the CMS (says nothing of bytes outside
them); `coverage`: ENTIRE_FILE, ENTIRE_REVISION (bytes after it) or less. A file pyHanko cannot
read prints one line {"error": ...}. Exit 0 whenever it ran (the verdicts are in the JSON), 2 on
wrong arguments.

--at: the validation time. `now` (default); `signing`: the time the signature claims (/M or
its signingTime attribute: no timestamp token is involved, so this is the signer's word); or an
ISO 8601 moment. With --crl the signer certificate's revocation status must come from the CRLs
given (see `revinfo_policy`); without, revocation is not checked.
"""

import argparse
import json
import logging
import sys
from datetime import datetime, timezone


def load_cert(path):
    from asn1crypto import pem, x509

    data = open(path, "rb").read()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def load_crl(path):
    from asn1crypto import crl, pem

    data = open(path, "rb").read()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return crl.CertificateList.load(data)


def claimed_time(sig):
    """The signing time the signature itself states: its signingTime attribute, else /M."""
    try:
        attrs = sig.signer_info["signed_attrs"]
        for a in attrs:
            if a["type"].native == "signing_time":
                return a["values"][0].native
    except Exception:  # noqa: BLE001 - a malformed attribute: fall back to /M
        pass
    return sig.self_reported_timestamp


def name_of(cert):
    try:
        return cert.subject.human_friendly
    except Exception:  # noqa: BLE001
        return None


def signer_of(sig):
    """The signer's name as the CMS carries it, when it can be read at all."""
    try:
        return name_of(sig.signer_cert)
    except Exception:  # noqa: BLE001
        return None


def revinfo_policy(with_crl):
    """With a CRL: required for the signer's certificate. (pyHanko's legacy "hard-fail" and
    "soft-fail" modes check only revocation sources a certificate declares; the office's
    certificates declare no CRL distribution point, so a CRL handed over would be ignored.)
    Without: not checked. The office's CRL is issued after documents it judges were signed,
    so revocation information newer than the validation time is used (retroactive)."""
    from pyhanko_certvalidator.policy_decl import (
        CertRevTrustPolicy,
        RevocationCheckingPolicy,
        RevocationCheckingRule,
    )

    ee = RevocationCheckingRule.CRL_REQUIRED if with_crl else RevocationCheckingRule.NO_CHECK
    return CertRevTrustPolicy(
        RevocationCheckingPolicy(ee, RevocationCheckingRule.NO_CHECK),
        retroactive_revinfo=True,
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pdf")
    p.add_argument("--root", action="append", required=True)
    p.add_argument("--crl", action="append", default=[])
    p.add_argument("--at", default="now")
    args = p.parse_args()
    # pyHanko logs each failed path validation with its traceback: the JSON says it.
    logging.disable(logging.CRITICAL)

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [load_cert(r) for r in args.root]
    crls = [load_crl(c) for c in args.crl]

    try:
        reader = PdfFileReader(open(args.pdf, "rb"), strict=False)  # noqa: SIM115
        sigs = list(reader.embedded_signatures)
    except Exception as e:  # noqa: BLE001 - unreadable file: said, not raised
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        return 0
    if not sigs:
        print(json.dumps({"error": "no signature"}))
        return 0

    for sig in sigs:
        out = {"field": sig.field_name}
        try:
            if args.at == "now":
                moment = datetime.now(timezone.utc)
            elif args.at == "signing":
                moment = claimed_time(sig) or datetime.now(timezone.utc)
            else:
                moment = datetime.fromisoformat(args.at)
            vc = ValidationContext(
                trust_roots=roots,
                crls=crls,
                allow_fetching=False,
                moment=moment,
                revinfo_policy=revinfo_policy(bool(crls)),
            )
            st = validate_pdf_signature(sig, signer_validation_context=vc)
            rd = st.revocation_details
            out.update(
                intact=bool(st.intact),
                valid=bool(st.valid),
                trusted=bool(st.trusted),
                revoked=bool(st.revoked),
                revocation_reason=rd.revocation_reason.native if rd else None,
                revocation_date=rd.revocation_date.isoformat() if rd else None,
                coverage=st.coverage.name if st.coverage is not None else None,
                modification_level=(
                    st.modification_level.name if st.modification_level is not None else None
                ),
                docmdp_ok=st.docmdp_ok,
                bottom_line=bool(st.bottom_line),
                signer=name_of(st.signing_cert),
                signing_time=(
                    st.signer_reported_dt.isoformat() if st.signer_reported_dt else None
                ),
                validation_time=moment.isoformat(),
                trust_problem=(
                    st.trust_problem_indic.name if st.trust_problem_indic else None
                ),
                error=None,
            )
        except Exception as e:  # noqa: BLE001 - one signature's failure is its verdict
            out.update(
                intact=False,
                valid=False,
                trusted=False,
                revoked=False,
                coverage=None,
                bottom_line=False,
                signer=signer_of(sig),
                error=f"{type(e).__name__}: {e}",
            )
        print(json.dumps(out, ensure_ascii=False))
    return 0



if __name__ == "__main__":
    sys.exit(main())
