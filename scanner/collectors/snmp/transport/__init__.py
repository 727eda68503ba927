"""Getting values off an SNMP agent: the v1/v2c wire codec, the pysnmp session for v3 and
IPv6, GETBULK walk bookkeeping, credentials and login.  Nothing here knows a MIB."""
