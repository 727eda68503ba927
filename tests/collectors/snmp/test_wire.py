"""The v1/v2c wire codec against pysnmp's own encoder, and hostile datagrams."""

from __future__ import annotations

import pytest
from pyasn1.codec.ber import decoder, encoder
from pysnmp.proto import api, rfc1902, rfc1905

from scanner.collectors.snmp.transport import wire

V2C = api.PROTOCOL_MODULES[api.SNMP_VERSION_2C]


def _response(varbinds: list[tuple[str, object]], request_id: int = 0x1234567) -> bytes:
    pdu = V2C.GetResponsePDU()
    V2C.apiPDU.set_defaults(pdu)
    V2C.apiPDU.set_request_id(pdu, request_id)
    V2C.apiPDU.set_varbinds(pdu, varbinds)
    message = V2C.Message()
    V2C.apiMessage.set_defaults(message)
    V2C.apiMessage.set_community(message, "public")
    V2C.apiMessage.set_pdu(message, pdu)
    return bytes(encoder.encode(message))


def test_requests_decode_with_pysnmp() -> None:
    oid = wire.Oid.parse("1.3.6.1.2.1.2.2.1.2")
    raw = wire.encode(1, b"public", wire.GETBULK, 0x7FFFFFF0, [oid, wire.Oid((1, 0, 8802))],
                      0, 25)
    message, rest = decoder.decode(raw, asn1Spec=V2C.Message())
    pdu = V2C.apiMessage.get_pdu(message)
    assert rest == b"" and V2C.apiBulkPDU.get_max_repetitions(pdu) == 25
    assert int(V2C.apiPDU.get_request_id(pdu)) == 0x7FFFFFF0
    assert [str(n) for n, _ in V2C.apiPDU.get_varbinds(pdu)] == [str(oid), "1.0.8802"]


def test_responses_decode_to_plain_values() -> None:
    raw = _response([
        ("1.3.6.1.2.1.1.2.0", rfc1902.ObjectIdentifier("1.3.6.1.4.1.9.1.1208")),
        ("1.3.6.1.2.1.1.3.0", rfc1902.TimeTicks(4294967295)),
        ("1.3.6.1.2.1.2.2.1.6.1", rfc1902.OctetString(b"\x00\x1b\x21\x07\x00\x01")),
        ("1.3.6.1.2.1.4.20.1.1.10.0.0.1", rfc1902.IpAddress("10.0.0.1")),
        ("1.3.6.1.2.1.2.2.1.8.1", rfc1902.Integer(-5)),
        ("1.3.6.1.2.1.31.1.1.1.6.1", rfc1902.Counter64(2**64 - 1)),
        ("1.3.6.1.2.1.1.9.0", rfc1905.NoSuchObject()),
        ("1.3.6.1.2.1.99", rfc1905.EndOfMibView()),
        ("1.3.6.1.2.1.1.1.0", rfc1902.OctetString(b"x" * 400)),
    ])
    response = wire.decode(raw)
    assert response.request_id == 0x1234567 and response.error_status == 0
    values = {str(name): value for name, value in response.varbinds}
    assert values == {
        "1.3.6.1.2.1.1.2.0": "1.3.6.1.4.1.9.1.1208",
        "1.3.6.1.2.1.1.3.0": 4294967295,
        "1.3.6.1.2.1.2.2.1.6.1": b"\x00\x1b\x21\x07\x00\x01",
        "1.3.6.1.2.1.4.20.1.1.10.0.0.1": "10.0.0.1",
        "1.3.6.1.2.1.2.2.1.8.1": -5,
        "1.3.6.1.2.1.31.1.1.1.6.1": 2**64 - 1,
        "1.3.6.1.2.1.1.9.0": None,
        "1.3.6.1.2.1.99": wire.END,
        "1.3.6.1.2.1.1.1.0": b"x" * 400,
    }
    assert wire.Oid.parse("1.3.6.1.2.1.2") < wire.Oid.parse("1.3.6.1.2.1.10")


@pytest.mark.parametrize("cut", [1, 5, 20, -3, -1])
def test_truncated_or_overrunning_datagrams_are_refused(cut: int) -> None:
    raw = _response([("1.3.6.1.2.1.1.5.0", rfc1902.OctetString(b"sw1"))])
    with pytest.raises(wire.MalformedResponse):
        wire.decode(raw[:cut])


def test_a_request_is_not_a_response() -> None:
    raw = wire.encode(1, b"public", wire.GET, 0x1000000, [wire.Oid.parse("1.3.6.1.2.1.1.5.0")])
    with pytest.raises(wire.MalformedResponse):
        wire.decode(raw)
