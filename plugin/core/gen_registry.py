#!/usr/bin/env python3
# Generates registry_data.c: the IANA TLS parameter tables used by registry.c.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run from anywhere:  python3 plugin/core/gen_registry.py
# It rewrites plugin/core/registry_data.c next to this script; commit both.
#
# Where the input came from
# -------------------------
# The lists below were transcribed from the IANA "Transport Layer Security
# (TLS) Parameters" and "TLS Extensions" registries
# (https://www.iana.org/assignments/tls-parameters/,
#  https://www.iana.org/assignments/tls-extensiontype-values/), read through
# public copies of IANA's CSV exports:
#   - tls-parameters-4.csv (Cipher Suites, with the Recommended column), as
#     kept in github.com/AnoyingShulkerMC/BootlegTLS; every value and name was
#     cross-checked against Wireshark 4.0.17's ssl_31_ciphersuite table
#     (epan/dissectors/packet-tls-utils.c), which agreed on all 350 entries it
#     has (it lacks the two AEGIS suites).
#   - tls-parameters-8.csv (Supported Groups) and tls-signaturescheme.csv
#     (SignatureScheme), 2024 exports kept in
#     github.com/Emmdoz/Info-Security-Assessment-Tool.
#   - ExtensionType names: the IANA registry as mirrored by zeek/zeek
#     scripts/base/protocols/ssl/consts.zeek and an IANA-derived Go switch
#     that lists exactly the registered values (0-62 without 40 and 46,
#     64768, 65037, 65281).
#   - Alerts, ContentType, ClientCertificateType, PskKeyExchangeMode, EC point
#     formats, certificate status types, certificate compression algorithms,
#     heartbeat, compression methods and ALPN IDs: the IANA registries and the
#     RFCs named next to each entry.
# The decomposition of cipher-suite names (key exchange, authentication,
# cipher, mode, MAC, PRF) is derived here from the names themselves, following
# the TLS_<KX>[_<AUTH>]_WITH_<CIPHER>_<MAC> convention of RFC 5246 App. A.5
# and the TLS_<AEAD>_<HASH> convention of RFC 8446 §B.4.
#
# Left out on purpose (not certain enough to list; see also the comment at the
# top of the generated file):
#   - Supported Groups 4590 curveSM2MLKEM768: seen in Zeek, but not in the IANA
#     export used here.
#   - ALPN "co", "netperfmeter/control", "netperfmeter/data", "n-pamp/2",
#     "EoQ", "snifq/1": only one unofficial source lists them.
#   - ContentType 27 (return_routability_check, DTLS RRC draft): unconfirmed.
#   - Public key sizes of the GOST curves GC256A..GC512C (left 0).
#   - Hash of the IBC signature schemes 0x0705..0x0707 (left NULL).
#   - Forward secrecy of SRP, ECCPWD and GOST TLS 1.2 suites (flag not set).
#   - Recommended flags are those of the exports above; IANA revises them.

import os
import re
import sys

# --------------------------------------------------------------------------
# Cipher suites: value and IANA name, in registry order (strictly ascending).
SUITES = """
0x0000 TLS_NULL_WITH_NULL_NULL
0x0001 TLS_RSA_WITH_NULL_MD5
0x0002 TLS_RSA_WITH_NULL_SHA
0x0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5
0x0004 TLS_RSA_WITH_RC4_128_MD5
0x0005 TLS_RSA_WITH_RC4_128_SHA
0x0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5
0x0007 TLS_RSA_WITH_IDEA_CBC_SHA
0x0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA
0x0009 TLS_RSA_WITH_DES_CBC_SHA
0x000A TLS_RSA_WITH_3DES_EDE_CBC_SHA
0x000B TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA
0x000C TLS_DH_DSS_WITH_DES_CBC_SHA
0x000D TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA
0x000E TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA
0x000F TLS_DH_RSA_WITH_DES_CBC_SHA
0x0010 TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA
0x0011 TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA
0x0012 TLS_DHE_DSS_WITH_DES_CBC_SHA
0x0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA
0x0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA
0x0015 TLS_DHE_RSA_WITH_DES_CBC_SHA
0x0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
0x0017 TLS_DH_anon_EXPORT_WITH_RC4_40_MD5
0x0018 TLS_DH_anon_WITH_RC4_128_MD5
0x0019 TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA
0x001A TLS_DH_anon_WITH_DES_CBC_SHA
0x001B TLS_DH_anon_WITH_3DES_EDE_CBC_SHA
0x001E TLS_KRB5_WITH_DES_CBC_SHA
0x001F TLS_KRB5_WITH_3DES_EDE_CBC_SHA
0x0020 TLS_KRB5_WITH_RC4_128_SHA
0x0021 TLS_KRB5_WITH_IDEA_CBC_SHA
0x0022 TLS_KRB5_WITH_DES_CBC_MD5
0x0023 TLS_KRB5_WITH_3DES_EDE_CBC_MD5
0x0024 TLS_KRB5_WITH_RC4_128_MD5
0x0025 TLS_KRB5_WITH_IDEA_CBC_MD5
0x0026 TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA
0x0027 TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA
0x0028 TLS_KRB5_EXPORT_WITH_RC4_40_SHA
0x0029 TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5
0x002A TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5
0x002B TLS_KRB5_EXPORT_WITH_RC4_40_MD5
0x002C TLS_PSK_WITH_NULL_SHA
0x002D TLS_DHE_PSK_WITH_NULL_SHA
0x002E TLS_RSA_PSK_WITH_NULL_SHA
0x002F TLS_RSA_WITH_AES_128_CBC_SHA
0x0030 TLS_DH_DSS_WITH_AES_128_CBC_SHA
0x0031 TLS_DH_RSA_WITH_AES_128_CBC_SHA
0x0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA
0x0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA
0x0034 TLS_DH_anon_WITH_AES_128_CBC_SHA
0x0035 TLS_RSA_WITH_AES_256_CBC_SHA
0x0036 TLS_DH_DSS_WITH_AES_256_CBC_SHA
0x0037 TLS_DH_RSA_WITH_AES_256_CBC_SHA
0x0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA
0x0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA
0x003A TLS_DH_anon_WITH_AES_256_CBC_SHA
0x003B TLS_RSA_WITH_NULL_SHA256
0x003C TLS_RSA_WITH_AES_128_CBC_SHA256
0x003D TLS_RSA_WITH_AES_256_CBC_SHA256
0x003E TLS_DH_DSS_WITH_AES_128_CBC_SHA256
0x003F TLS_DH_RSA_WITH_AES_128_CBC_SHA256
0x0040 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256
0x0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA
0x0042 TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA
0x0043 TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA
0x0044 TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA
0x0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA
0x0046 TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA
0x0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
0x0068 TLS_DH_DSS_WITH_AES_256_CBC_SHA256
0x0069 TLS_DH_RSA_WITH_AES_256_CBC_SHA256
0x006A TLS_DHE_DSS_WITH_AES_256_CBC_SHA256
0x006B TLS_DHE_RSA_WITH_AES_256_CBC_SHA256
0x006C TLS_DH_anon_WITH_AES_128_CBC_SHA256
0x006D TLS_DH_anon_WITH_AES_256_CBC_SHA256
0x0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA
0x0085 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA
0x0086 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA
0x0087 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA
0x0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA
0x0089 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA
0x008A TLS_PSK_WITH_RC4_128_SHA
0x008B TLS_PSK_WITH_3DES_EDE_CBC_SHA
0x008C TLS_PSK_WITH_AES_128_CBC_SHA
0x008D TLS_PSK_WITH_AES_256_CBC_SHA
0x008E TLS_DHE_PSK_WITH_RC4_128_SHA
0x008F TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA
0x0090 TLS_DHE_PSK_WITH_AES_128_CBC_SHA
0x0091 TLS_DHE_PSK_WITH_AES_256_CBC_SHA
0x0092 TLS_RSA_PSK_WITH_RC4_128_SHA
0x0093 TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA
0x0094 TLS_RSA_PSK_WITH_AES_128_CBC_SHA
0x0095 TLS_RSA_PSK_WITH_AES_256_CBC_SHA
0x0096 TLS_RSA_WITH_SEED_CBC_SHA
0x0097 TLS_DH_DSS_WITH_SEED_CBC_SHA
0x0098 TLS_DH_RSA_WITH_SEED_CBC_SHA
0x0099 TLS_DHE_DSS_WITH_SEED_CBC_SHA
0x009A TLS_DHE_RSA_WITH_SEED_CBC_SHA
0x009B TLS_DH_anon_WITH_SEED_CBC_SHA
0x009C TLS_RSA_WITH_AES_128_GCM_SHA256
0x009D TLS_RSA_WITH_AES_256_GCM_SHA384
0x009E TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
0x009F TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
0x00A0 TLS_DH_RSA_WITH_AES_128_GCM_SHA256
0x00A1 TLS_DH_RSA_WITH_AES_256_GCM_SHA384
0x00A2 TLS_DHE_DSS_WITH_AES_128_GCM_SHA256
0x00A3 TLS_DHE_DSS_WITH_AES_256_GCM_SHA384
0x00A4 TLS_DH_DSS_WITH_AES_128_GCM_SHA256
0x00A5 TLS_DH_DSS_WITH_AES_256_GCM_SHA384
0x00A6 TLS_DH_anon_WITH_AES_128_GCM_SHA256
0x00A7 TLS_DH_anon_WITH_AES_256_GCM_SHA384
0x00A8 TLS_PSK_WITH_AES_128_GCM_SHA256
0x00A9 TLS_PSK_WITH_AES_256_GCM_SHA384
0x00AA TLS_DHE_PSK_WITH_AES_128_GCM_SHA256
0x00AB TLS_DHE_PSK_WITH_AES_256_GCM_SHA384
0x00AC TLS_RSA_PSK_WITH_AES_128_GCM_SHA256
0x00AD TLS_RSA_PSK_WITH_AES_256_GCM_SHA384
0x00AE TLS_PSK_WITH_AES_128_CBC_SHA256
0x00AF TLS_PSK_WITH_AES_256_CBC_SHA384
0x00B0 TLS_PSK_WITH_NULL_SHA256
0x00B1 TLS_PSK_WITH_NULL_SHA384
0x00B2 TLS_DHE_PSK_WITH_AES_128_CBC_SHA256
0x00B3 TLS_DHE_PSK_WITH_AES_256_CBC_SHA384
0x00B4 TLS_DHE_PSK_WITH_NULL_SHA256
0x00B5 TLS_DHE_PSK_WITH_NULL_SHA384
0x00B6 TLS_RSA_PSK_WITH_AES_128_CBC_SHA256
0x00B7 TLS_RSA_PSK_WITH_AES_256_CBC_SHA384
0x00B8 TLS_RSA_PSK_WITH_NULL_SHA256
0x00B9 TLS_RSA_PSK_WITH_NULL_SHA384
0x00BA TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256
0x00BB TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256
0x00BC TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256
0x00BD TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256
0x00BE TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
0x00BF TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256
0x00C0 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256
0x00C1 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256
0x00C2 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256
0x00C3 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256
0x00C4 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256
0x00C5 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256
0x00C6 TLS_SM4_GCM_SM3
0x00C7 TLS_SM4_CCM_SM3
0x00FF TLS_EMPTY_RENEGOTIATION_INFO_SCSV
0x1301 TLS_AES_128_GCM_SHA256
0x1302 TLS_AES_256_GCM_SHA384
0x1303 TLS_CHACHA20_POLY1305_SHA256
0x1304 TLS_AES_128_CCM_SHA256
0x1305 TLS_AES_128_CCM_8_SHA256
0x1306 TLS_AEGIS_256_SHA384
0x1307 TLS_AEGIS_128L_SHA256
0x5600 TLS_FALLBACK_SCSV
0xC001 TLS_ECDH_ECDSA_WITH_NULL_SHA
0xC002 TLS_ECDH_ECDSA_WITH_RC4_128_SHA
0xC003 TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA
0xC004 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA
0xC005 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA
0xC006 TLS_ECDHE_ECDSA_WITH_NULL_SHA
0xC007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA
0xC008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA
0xC009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
0xC00A TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
0xC00B TLS_ECDH_RSA_WITH_NULL_SHA
0xC00C TLS_ECDH_RSA_WITH_RC4_128_SHA
0xC00D TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA
0xC00E TLS_ECDH_RSA_WITH_AES_128_CBC_SHA
0xC00F TLS_ECDH_RSA_WITH_AES_256_CBC_SHA
0xC010 TLS_ECDHE_RSA_WITH_NULL_SHA
0xC011 TLS_ECDHE_RSA_WITH_RC4_128_SHA
0xC012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
0xC013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
0xC014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
0xC015 TLS_ECDH_anon_WITH_NULL_SHA
0xC016 TLS_ECDH_anon_WITH_RC4_128_SHA
0xC017 TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA
0xC018 TLS_ECDH_anon_WITH_AES_128_CBC_SHA
0xC019 TLS_ECDH_anon_WITH_AES_256_CBC_SHA
0xC01A TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA
0xC01B TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA
0xC01C TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA
0xC01D TLS_SRP_SHA_WITH_AES_128_CBC_SHA
0xC01E TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA
0xC01F TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA
0xC020 TLS_SRP_SHA_WITH_AES_256_CBC_SHA
0xC021 TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA
0xC022 TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA
0xC023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
0xC024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
0xC025 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256
0xC026 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384
0xC027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
0xC028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
0xC029 TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256
0xC02A TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384
0xC02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
0xC02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
0xC02D TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256
0xC02E TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384
0xC02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
0xC030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
0xC031 TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256
0xC032 TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384
0xC033 TLS_ECDHE_PSK_WITH_RC4_128_SHA
0xC034 TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA
0xC035 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA
0xC036 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA
0xC037 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256
0xC038 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384
0xC039 TLS_ECDHE_PSK_WITH_NULL_SHA
0xC03A TLS_ECDHE_PSK_WITH_NULL_SHA256
0xC03B TLS_ECDHE_PSK_WITH_NULL_SHA384
0xC03C TLS_RSA_WITH_ARIA_128_CBC_SHA256
0xC03D TLS_RSA_WITH_ARIA_256_CBC_SHA384
0xC03E TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256
0xC03F TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384
0xC040 TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256
0xC041 TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384
0xC042 TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256
0xC043 TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384
0xC044 TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256
0xC045 TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384
0xC046 TLS_DH_anon_WITH_ARIA_128_CBC_SHA256
0xC047 TLS_DH_anon_WITH_ARIA_256_CBC_SHA384
0xC048 TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256
0xC049 TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384
0xC04A TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256
0xC04B TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384
0xC04C TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256
0xC04D TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384
0xC04E TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256
0xC04F TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384
0xC050 TLS_RSA_WITH_ARIA_128_GCM_SHA256
0xC051 TLS_RSA_WITH_ARIA_256_GCM_SHA384
0xC052 TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256
0xC053 TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384
0xC054 TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256
0xC055 TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384
0xC056 TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256
0xC057 TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384
0xC058 TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256
0xC059 TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384
0xC05A TLS_DH_anon_WITH_ARIA_128_GCM_SHA256
0xC05B TLS_DH_anon_WITH_ARIA_256_GCM_SHA384
0xC05C TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256
0xC05D TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384
0xC05E TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256
0xC05F TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384
0xC060 TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256
0xC061 TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384
0xC062 TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256
0xC063 TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384
0xC064 TLS_PSK_WITH_ARIA_128_CBC_SHA256
0xC065 TLS_PSK_WITH_ARIA_256_CBC_SHA384
0xC066 TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256
0xC067 TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384
0xC068 TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256
0xC069 TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384
0xC06A TLS_PSK_WITH_ARIA_128_GCM_SHA256
0xC06B TLS_PSK_WITH_ARIA_256_GCM_SHA384
0xC06C TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256
0xC06D TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384
0xC06E TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256
0xC06F TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384
0xC070 TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256
0xC071 TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384
0xC072 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
0xC073 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
0xC074 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
0xC075 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
0xC076 TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
0xC077 TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384
0xC078 TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256
0xC079 TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384
0xC07A TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256
0xC07B TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384
0xC07C TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
0xC07D TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
0xC07E TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256
0xC07F TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384
0xC080 TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256
0xC081 TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384
0xC082 TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256
0xC083 TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384
0xC084 TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256
0xC085 TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384
0xC086 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
0xC087 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
0xC088 TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
0xC089 TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
0xC08A TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
0xC08B TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
0xC08C TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256
0xC08D TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384
0xC08E TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256
0xC08F TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384
0xC090 TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256
0xC091 TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384
0xC092 TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256
0xC093 TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384
0xC094 TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256
0xC095 TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384
0xC096 TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256
0xC097 TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384
0xC098 TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256
0xC099 TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384
0xC09A TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256
0xC09B TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384
0xC09C TLS_RSA_WITH_AES_128_CCM
0xC09D TLS_RSA_WITH_AES_256_CCM
0xC09E TLS_DHE_RSA_WITH_AES_128_CCM
0xC09F TLS_DHE_RSA_WITH_AES_256_CCM
0xC0A0 TLS_RSA_WITH_AES_128_CCM_8
0xC0A1 TLS_RSA_WITH_AES_256_CCM_8
0xC0A2 TLS_DHE_RSA_WITH_AES_128_CCM_8
0xC0A3 TLS_DHE_RSA_WITH_AES_256_CCM_8
0xC0A4 TLS_PSK_WITH_AES_128_CCM
0xC0A5 TLS_PSK_WITH_AES_256_CCM
0xC0A6 TLS_DHE_PSK_WITH_AES_128_CCM
0xC0A7 TLS_DHE_PSK_WITH_AES_256_CCM
0xC0A8 TLS_PSK_WITH_AES_128_CCM_8
0xC0A9 TLS_PSK_WITH_AES_256_CCM_8
0xC0AA TLS_PSK_DHE_WITH_AES_128_CCM_8
0xC0AB TLS_PSK_DHE_WITH_AES_256_CCM_8
0xC0AC TLS_ECDHE_ECDSA_WITH_AES_128_CCM
0xC0AD TLS_ECDHE_ECDSA_WITH_AES_256_CCM
0xC0AE TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
0xC0AF TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8
0xC0B0 TLS_ECCPWD_WITH_AES_128_GCM_SHA256
0xC0B1 TLS_ECCPWD_WITH_AES_256_GCM_SHA384
0xC0B2 TLS_ECCPWD_WITH_AES_128_CCM_SHA256
0xC0B3 TLS_ECCPWD_WITH_AES_256_CCM_SHA384
0xC0B4 TLS_SHA256_SHA256
0xC0B5 TLS_SHA384_SHA384
0xC100 TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC
0xC101 TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC
0xC102 TLS_GOSTR341112_256_WITH_28147_CNT_IMIT
0xC103 TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L
0xC104 TLS_GOSTR341112_256_WITH_MAGMA_MGM_L
0xC105 TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S
0xC106 TLS_GOSTR341112_256_WITH_MAGMA_MGM_S
0xCCA8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
0xCCA9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
0xCCAA TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
0xCCAB TLS_PSK_WITH_CHACHA20_POLY1305_SHA256
0xCCAC TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256
0xCCAD TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256
0xCCAE TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256
0xD001 TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256
0xD002 TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384
0xD003 TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256
0xD005 TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256
"""

# IANA "Recommended" = Y (tls-parameters-4.csv); every other suite is N.
SUITE_RECOMMENDED = {
    0x009E, 0x009F, 0x00AA, 0x00AB, 0x1301, 0x1302, 0x1303, 0x1304,
    0xC02B, 0xC02C, 0xC02F, 0xC030, 0xC09E, 0xC09F, 0xC0A6, 0xC0A7,
    0xCCA8, 0xCCA9, 0xCCAA, 0xCCAC, 0xCCAD, 0xD001, 0xD002, 0xD005,
}

# Defining document per range of suites, from the Reference column.
SUITE_REFS = [
    (0x001E, 0x002B, "RFC2712"), (0x002C, 0x002E, "RFC4785"),
    (0x002F, 0x0040, "RFC5246"), (0x0041, 0x0046, "RFC5932"),
    (0x0067, 0x006D, "RFC5246"), (0x0084, 0x0089, "RFC5932"),
    (0x008A, 0x0095, "RFC4279"), (0x0096, 0x009B, "RFC4162"),
    (0x009C, 0x00A7, "RFC5288"), (0x00A8, 0x00B9, "RFC5487"),
    (0x00BA, 0x00C5, "RFC5932"), (0x00C6, 0x00C7, "RFC8998"),
    (0x00FF, 0x00FF, "RFC5746"), (0x1301, 0x1305, "RFC8446"),
    (0x1306, 0x1307, "draft-irtf-cfrg-aegis-aead"),
    (0x5600, 0x5600, "RFC7507"), (0xC001, 0xC019, "RFC8422"),
    (0xC01A, 0xC022, "RFC5054"), (0xC023, 0xC032, "RFC5289"),
    (0xC033, 0xC03B, "RFC5489"), (0xC03C, 0xC071, "RFC6209"),
    (0xC072, 0xC09B, "RFC6367"), (0xC09C, 0xC0AB, "RFC6655"),
    (0xC0AC, 0xC0AF, "RFC7251"), (0xC0B0, 0xC0B3, "RFC8492"),
    (0xC0B4, 0xC0B5, "RFC9150"), (0xC100, 0xC102, "RFC9189"),
    (0xC103, 0xC106, "RFC9367"), (0xCCA8, 0xCCAE, "RFC7905"),
    (0xD001, 0xD005, "RFC8442"),
]


def suite_ref(value, name):
    for lo, hi, ref in SUITE_REFS:
        if lo <= value <= hi:
            return ref
    # 0x0000-0x001B: export suites came with TLS 1.1, DES and IDEA are
    # historic (RFC 5469), the rest are TLS 1.2's own.
    if "EXPORT" in name:
        return "RFC4346"
    if "IDEA" in name or ("DES_CBC" in name and "3DES" not in name):
        return "RFC5469"
    return "RFC5246"


TLS13_KX = "TLS 1.3: key_share / psk_key_exchange_modes"
TLS13_AUTH = "TLS 1.3: certificate / PSK"

# Part before _WITH_: (key exchange, authentication).
KXAUTH = {
    "NULL": ("NULL", "NULL"),
    "RSA": ("RSA", "RSA"),
    "RSA_EXPORT": ("RSA_EXPORT", "RSA"),
    "DH_DSS": ("DH", "DSS"), "DH_RSA": ("DH", "RSA"),
    "DHE_DSS": ("DHE", "DSS"), "DHE_RSA": ("DHE", "RSA"),
    "DH_anon": ("DH_anon", "anon"),
    "DH_DSS_EXPORT": ("DH_EXPORT", "DSS"), "DH_RSA_EXPORT": ("DH_EXPORT", "RSA"),
    "DHE_DSS_EXPORT": ("DHE_EXPORT", "DSS"), "DHE_RSA_EXPORT": ("DHE_EXPORT", "RSA"),
    "DH_anon_EXPORT": ("DH_anon_EXPORT", "anon"),
    "KRB5": ("KRB5", "KRB5"), "KRB5_EXPORT": ("KRB5_EXPORT", "KRB5"),
    "PSK": ("PSK", "PSK"), "DHE_PSK": ("DHE_PSK", "PSK"),
    # IANA's spelling for 0xC0AA/0xC0AB (RFC 6655 calls them DHE_PSK).
    "PSK_DHE": ("DHE_PSK", "PSK"),
    "RSA_PSK": ("RSA_PSK", "RSA+PSK"), "ECDHE_PSK": ("ECDHE_PSK", "PSK"),
    "ECDH_ECDSA": ("ECDH", "ECDSA"), "ECDHE_ECDSA": ("ECDHE", "ECDSA"),
    "ECDH_RSA": ("ECDH", "RSA"), "ECDHE_RSA": ("ECDHE", "RSA"),
    "ECDH_anon": ("ECDH_anon", "anon"),
    "SRP_SHA": ("SRP", "SRP"), "SRP_SHA_RSA": ("SRP", "SRP+RSA"),
    "SRP_SHA_DSS": ("SRP", "SRP+DSS"),
    "ECCPWD": ("ECCPWD", "ECCPWD"),
    # RFC 9189: VKO GOST R 34.10-2012 key agreement with the server's
    # certificate key; the name's GOSTR341112_256 is the PRF hash (Streebog).
    "GOSTR341112_256": ("GOST_VKO", "GOSTR341012"),
}

# Ephemeral (EC)DH with an authenticated peer: past sessions survive a
# leaked long-term key. Anonymous DH is ephemeral too but flagged ANON.
FS_KX = {"DHE", "ECDHE", "DHE_PSK", "ECDHE_PSK", "DHE_EXPORT"}

# Bulk cipher token -> (cipher, key bits, mode, enc string).
CIPHERS = {
    "NULL": ("NULL", 0, "NULL", "NULL"),
    "RC4_40": ("RC4", 40, "stream", "RC4-40"),
    "RC4_128": ("RC4", 128, "stream", "RC4-128"),
    "RC2_CBC_40": ("RC2", 40, "CBC", "RC2-CBC-40"),
    "IDEA_CBC": ("IDEA", 128, "CBC", "IDEA-CBC"),
    "DES40_CBC": ("DES", 40, "CBC", "DES40-CBC"),
    "DES_CBC_40": ("DES", 40, "CBC", "DES40-CBC"),
    "DES_CBC": ("DES", 56, "CBC", "DES-CBC"),
    "3DES_EDE_CBC": ("3DES_EDE", 168, "CBC", "3DES-EDE-CBC"),
    "SEED_CBC": ("SEED", 128, "CBC", "SEED-CBC"),
    "CHACHA20_POLY1305": ("CHACHA20_POLY1305", 256, "AEAD", "CHACHA20-POLY1305"),
    "SM4_GCM": ("SM4", 128, "GCM", "SM4-GCM"),
    "SM4_CCM": ("SM4", 128, "CCM", "SM4-CCM"),
    "AEGIS_256": ("AEGIS_256", 256, "AEAD", "AEGIS-256"),
    "AEGIS_128L": ("AEGIS_128L", 128, "AEAD", "AEGIS-128L"),
    "KUZNYECHIK_CTR": ("KUZNYECHIK", 256, "CTR", "KUZNYECHIK-CTR"),
    "MAGMA_CTR": ("MAGMA", 256, "CTR", "MAGMA-CTR"),
    "28147_CNT": ("GOST28147", 256, "CNT", "GOST28147-CNT"),
    # _L and _S only choose the TLSTREE re-keying rate (RFC 9367).
    "KUZNYECHIK_MGM_L": ("KUZNYECHIK", 256, "MGM", "KUZNYECHIK-MGM"),
    "KUZNYECHIK_MGM_S": ("KUZNYECHIK", 256, "MGM", "KUZNYECHIK-MGM"),
    "MAGMA_MGM_L": ("MAGMA", 256, "MGM", "MAGMA-MGM"),
    "MAGMA_MGM_S": ("MAGMA", 256, "MGM", "MAGMA-MGM"),
}
for _c in ("AES", "CAMELLIA", "ARIA"):
    for _b in (128, 256):
        for _m in ("CBC", "GCM", "CCM", "CCM_8"):
            CIPHERS["%s_%d_%s" % (_c, _b, _m)] = (
                _c, _b, _m, "%s-%d-%s" % (_c, _b, _m.replace("_", "-")))

AEAD_MODES = {"GCM", "CCM", "CCM_8", "AEAD", "MGM"}
# "NULL" only ends TLS_NULL_WITH_NULL_NULL: no MAC at all.
HASHES = ("SHA384", "SHA256", "SHA", "MD5", "SM3", "NULL")
GOST_MACS = ("OMAC", "IMIT")


def split_cipher(rest):
    """'AES_128_GCM_SHA256' -> ('AES_128_GCM', 'SHA256'); hash may be None."""
    for h in HASHES + GOST_MACS:
        if rest.endswith("_" + h) and rest[: -len(h) - 1] in CIPHERS:
            return rest[: -len(h) - 1], h
    if rest in CIPHERS:
        return rest, None
    raise ValueError("cannot split cipher part %r" % rest)


def decompose(value, name):
    d = {"value": value, "name": name, "flags": [],
         "rec": "Y" if value in SUITE_RECOMMENDED else "N",
         "rfc": suite_ref(value, name)}
    if name.endswith("_SCSV"):
        d.update(kx="none", auth="none", cipher="none", bits=0, mode="none",
                 enc="none", mac="none", prf="none")
        d["flags"].append("REG_SUITE_SCSV")
        return d
    body = name[len("TLS_"):]
    if body in ("SHA256_SHA256", "SHA384_SHA384"):
        # RFC 9150: integrity only, HMAC over the record, no encryption.
        h = body.split("_")[0]
        d.update(kx=TLS13_KX, auth=TLS13_AUTH, cipher="NULL", bits=0,
                 mode="NULL", enc="NULL", mac=h, prf=h)
        d["flags"] += ["REG_SUITE_TLS13", "REG_SUITE_FS", "REG_SUITE_NULL_ENC"]
        return d
    if "_WITH_" in body:
        kxauth, rest = body.split("_WITH_")
        kx, auth = KXAUTH[kxauth]
        tls13 = kxauth == "GOSTR341112_256" and "_MGM_" in rest
    else:
        kxauth, rest, tls13 = None, body, True
        kx, auth = TLS13_KX, TLS13_AUTH
    cipher_tok, h = split_cipher(rest)
    cipher, bits, mode, enc = CIPHERS[cipher_tok]
    aead = mode in AEAD_MODES
    if kxauth == "GOSTR341112_256":
        prf, mac = "GOSTR341112_256", ("AEAD" if aead else h)
    elif aead:
        # The hash named after an AEAD cipher is the PRF/HKDF hash; CCM
        # suites without one use the TLS 1.2 default, SHA-256 (RFC 6655).
        prf, mac = (h or "SHA256"), "AEAD"
    else:
        # HMAC hash; the TLS 1.2 PRF is SHA-384 only for _SHA384 suites.
        prf, mac = ("SHA384" if h == "SHA384" else "SHA256"), h
        if h == "NULL":
            prf = "none"
    if tls13:
        kx, auth = TLS13_KX, TLS13_AUTH
    d.update(kx=kx, auth=auth, cipher=cipher, bits=bits, mode=mode, enc=enc,
             mac=mac, prf=prf)
    fl = d["flags"]
    if aead:
        fl.append("REG_SUITE_AEAD")
    if "EXPORT" in kx:
        fl.append("REG_SUITE_EXPORT")
    if tls13:
        fl.append("REG_SUITE_TLS13")
    if tls13 or kx in FS_KX:
        fl.append("REG_SUITE_FS")
    if auth in ("anon", "NULL"):
        fl.append("REG_SUITE_ANON")
    if cipher == "NULL":
        fl.append("REG_SUITE_NULL_ENC")
    return d


# --------------------------------------------------------------------------
# TLS ExtensionType Values: (value, name, defining document).
EXTENSIONS = [
    (0, "server_name", "RFC6066"),
    (1, "max_fragment_length", "RFC6066"),
    (2, "client_certificate_url", "RFC6066"),
    (3, "trusted_ca_keys", "RFC6066"),
    (4, "truncated_hmac", "RFC6066"),
    (5, "status_request", "RFC6066"),
    (6, "user_mapping", "RFC4681"),
    (7, "client_authz", "RFC5878"),
    (8, "server_authz", "RFC5878"),
    (9, "cert_type", "RFC6091"),
    (10, "supported_groups", "RFC8422"),   # renamed from "elliptic_curves"
    (11, "ec_point_formats", "RFC8422"),
    (12, "srp", "RFC5054"),
    (13, "signature_algorithms", "RFC8446"),
    (14, "use_srtp", "RFC5764"),
    (15, "heartbeat", "RFC6520"),
    (16, "application_layer_protocol_negotiation", "RFC7301"),
    (17, "status_request_v2", "RFC6961"),
    (18, "signed_certificate_timestamp", "RFC6962"),
    (19, "client_certificate_type", "RFC7250"),
    (20, "server_certificate_type", "RFC7250"),
    (21, "padding", "RFC7685"),
    (22, "encrypt_then_mac", "RFC7366"),
    (23, "extended_master_secret", "RFC7627"),
    (24, "token_binding", "RFC8472"),
    (25, "cached_info", "RFC7924"),
    (26, "tls_lts", "draft-gutmann-tls-lts"),
    (27, "compress_certificate", "RFC8879"),
    (28, "record_size_limit", "RFC8449"),
    (29, "pwd_protect", "RFC8492"),
    (30, "pwd_clear", "RFC8492"),
    (31, "password_salt", "RFC8492"),
    (32, "ticket_pinning", "RFC8672"),
    (33, "tls_cert_with_extern_psk", "RFC8773"),
    (34, "delegated_credential", "RFC9345"),
    (35, "session_ticket", "RFC5077"),       # renamed from "SessionTicket TLS"
    (36, "TLMSP", "ETSI TS 103 523-2"),
    (37, "TLMSP_proxying", "ETSI TS 103 523-2"),
    (38, "TLMSP_delegate", "ETSI TS 103 523-2"),
    (39, "supported_ekt_ciphers", "RFC8870"),
    (41, "pre_shared_key", "RFC8446"),
    (42, "early_data", "RFC8446"),
    (43, "supported_versions", "RFC8446"),
    (44, "cookie", "RFC8446"),
    (45, "psk_key_exchange_modes", "RFC8446"),
    (47, "certificate_authorities", "RFC8446"),
    (48, "oid_filters", "RFC8446"),
    (49, "post_handshake_auth", "RFC8446"),
    (50, "signature_algorithms_cert", "RFC8446"),
    (51, "key_share", "RFC8446"),
    (52, "transparency_info", "RFC9162"),
    (53, "connection_id (deprecated)", "RFC9146"),
    (54, "connection_id", "RFC9146"),
    (55, "external_id_hash", "RFC8844"),
    (56, "external_session_id", "RFC8844"),
    (57, "quic_transport_parameters", "RFC9001"),
    (58, "ticket_request", "RFC9149"),
    (59, "dnssec_chain", "RFC9102"),
    (60, "sequence_number_encryption_algorithms",
     "draft-pismenny-tls-dtls-plaintext-sequence-number"),
    (61, "rrc", "draft-ietf-tls-dtls-rrc"),
    (62, "tls_flags", "draft-ietf-tls-tlsflags"),
    (64768, "ech_outer_extensions", "RFC9849"),
    (65037, "encrypted_client_hello", "RFC9849"),
    (65281, "renegotiation_info", "RFC5746"),
]

# --------------------------------------------------------------------------
# Supported Groups (tls-parameters-8.csv). Kinds: EC, FFDHE, PQ (ML-KEM
# alone), HYBRID (ECDH + ML-KEM / Kyber). bits: field or modulus size for EC
# and FFDHE, 0 for ML-KEM based groups. Share sizes are the bytes of the
# key_share (TLS 1.3) or ECPoint: EC points uncompressed (0x04||X||Y), FFDHE
# left-padded to the prime (RFC 8446 §4.2.8.1), ML-KEM client encapsulation
# key / server ciphertext (FIPS 203), hybrids concatenated. 0 = not fixed or
# not known.


def ec_point(bits):
    return 1 + 2 * ((bits + 7) // 8)


GROUP_D = set(range(1, 9)) | set(range(15, 22))   # Recommended = D
GROUP_Y = {23, 24, 29, 30}

GROUPS = []
for _v, _n, _b in [
        (1, "sect163k1", 163), (2, "sect163r1", 163), (3, "sect163r2", 163),
        (4, "sect193r1", 193), (5, "sect193r2", 193), (6, "sect233k1", 233),
        (7, "sect233r1", 233), (8, "sect239k1", 239), (9, "sect283k1", 283),
        (10, "sect283r1", 283), (11, "sect409k1", 409), (12, "sect409r1", 409),
        (13, "sect571k1", 571), (14, "sect571r1", 571),
        (15, "secp160k1", 160), (16, "secp160r1", 160), (17, "secp160r2", 160),
        (18, "secp192k1", 192), (19, "secp192r1", 192), (20, "secp224k1", 224),
        (21, "secp224r1", 224), (22, "secp256k1", 256), (23, "secp256r1", 256),
        (24, "secp384r1", 384), (25, "secp521r1", 521)]:
    GROUPS.append((_v, _n, "EC", _b, ec_point(_b), ec_point(_b), "RFC8422"))
GROUPS += [
    (26, "brainpoolP256r1", "EC", 256, 65, 65, "RFC7027"),
    (27, "brainpoolP384r1", "EC", 384, 97, 97, "RFC7027"),
    (28, "brainpoolP512r1", "EC", 512, 129, 129, "RFC7027"),
    (29, "x25519", "EC", 255, 32, 32, "RFC8446"),
    (30, "x448", "EC", 448, 56, 56, "RFC8446"),
    (31, "brainpoolP256r1tls13", "EC", 256, 65, 65, "RFC8734"),
    (32, "brainpoolP384r1tls13", "EC", 384, 97, 97, "RFC8734"),
    (33, "brainpoolP512r1tls13", "EC", 512, 129, 129, "RFC8734"),
    (34, "GC256A", "EC", 256, 0, 0, "RFC9189"),
    (35, "GC256B", "EC", 256, 0, 0, "RFC9189"),
    (36, "GC256C", "EC", 256, 0, 0, "RFC9189"),
    (37, "GC256D", "EC", 256, 0, 0, "RFC9189"),
    (38, "GC512A", "EC", 512, 0, 0, "RFC9189"),
    (39, "GC512B", "EC", 512, 0, 0, "RFC9189"),
    (40, "GC512C", "EC", 512, 0, 0, "RFC9189"),
    (41, "curveSM2", "EC", 256, 65, 65, "RFC8998"),
    (256, "ffdhe2048", "FFDHE", 2048, 256, 256, "RFC7919"),
    (257, "ffdhe3072", "FFDHE", 3072, 384, 384, "RFC7919"),
    (258, "ffdhe4096", "FFDHE", 4096, 512, 512, "RFC7919"),
    (259, "ffdhe6144", "FFDHE", 6144, 768, 768, "RFC7919"),
    (260, "ffdhe8192", "FFDHE", 8192, 1024, 1024, "RFC7919"),
    (512, "MLKEM512", "PQ", 0, 800, 768, "draft-connolly-tls-mlkem-key-agreement"),
    (513, "MLKEM768", "PQ", 0, 1184, 1088, "draft-connolly-tls-mlkem-key-agreement"),
    (514, "MLKEM1024", "PQ", 0, 1568, 1568, "draft-connolly-tls-mlkem-key-agreement"),
    (4587, "SecP256r1MLKEM768", "HYBRID", 0, 65 + 1184, 65 + 1088,
     "draft-kwiatkowski-tls-ecdhe-mlkem"),
    (4588, "X25519MLKEM768", "HYBRID", 0, 32 + 1184, 32 + 1088,
     "draft-kwiatkowski-tls-ecdhe-mlkem"),
    (4589, "SecP384r1MLKEM1024", "HYBRID", 0, 97 + 1568, 97 + 1568,
     "draft-kwiatkowski-tls-ecdhe-mlkem"),
    # IANA marks these two "(OBSOLETE)": pre-standard Kyber.
    (25497, "X25519Kyber768Draft00", "HYBRID", 0, 32 + 1184, 32 + 1088,
     "draft-tls-westerbaan-xyber768d00"),
    (25498, "SecP256r1Kyber768Draft00", "HYBRID", 0, 65 + 1184, 65 + 1088,
     "draft-kwiatkowski-tls-ecdhe-kyber"),
    (65281, "arbitrary_explicit_prime_curves", "EC", 0, 0, 0, "RFC8422"),
    (65282, "arbitrary_explicit_char2_curves", "EC", 0, 0, 0, "RFC8422"),
]

# --------------------------------------------------------------------------
# SignatureScheme (tls-signaturescheme.csv) plus the TLS 1.2
# SignatureAndHashAlgorithm pairs it reserves "for backward compatibility"
# (HashAlgorithm 1-6 x SignatureAlgorithm 1-3, RFC 5246 §7.4.1.4.1). Pair
# names are composed from those two registries' names as <sig>_<hash>.
SIG_Y = {0x0401, 0x0403, 0x0501, 0x0503, 0x0601, 0x0603} | set(range(0x0804, 0x080C))

SIGS = [
    (0x0201, "rsa_pkcs1_sha1", "RSASSA-PKCS1-v1_5", "SHA1", "RFC8446", []),
    (0x0203, "ecdsa_sha1", "ECDSA", "SHA1", "RFC8446", []),
    (0x0401, "rsa_pkcs1_sha256", "RSASSA-PKCS1-v1_5", "SHA256", "RFC8446", []),
    (0x0403, "ecdsa_secp256r1_sha256", "ECDSA", "SHA256", "RFC8446", []),
    (0x0420, "rsa_pkcs1_sha256_legacy", "RSASSA-PKCS1-v1_5", "SHA256",
     "draft-davidben-tls13-pkcs1", []),
    (0x0501, "rsa_pkcs1_sha384", "RSASSA-PKCS1-v1_5", "SHA384", "RFC8446", []),
    (0x0503, "ecdsa_secp384r1_sha384", "ECDSA", "SHA384", "RFC8446", []),
    (0x0520, "rsa_pkcs1_sha384_legacy", "RSASSA-PKCS1-v1_5", "SHA384",
     "draft-davidben-tls13-pkcs1", []),
    (0x0601, "rsa_pkcs1_sha512", "RSASSA-PKCS1-v1_5", "SHA512", "RFC8446", []),
    (0x0603, "ecdsa_secp521r1_sha512", "ECDSA", "SHA512", "RFC8446", []),
    (0x0620, "rsa_pkcs1_sha512_legacy", "RSASSA-PKCS1-v1_5", "SHA512",
     "draft-davidben-tls13-pkcs1", []),
    (0x0704, "eccsi_sha256", "ECCSI", "SHA256",
     "draft-wang-tls-raw-public-key-with-ibc", []),
    (0x0705, "iso_ibs1", "ISO/IEC 14888-3 IBS-1", None,
     "draft-wang-tls-raw-public-key-with-ibc", []),
    (0x0706, "iso_ibs2", "ISO/IEC 14888-3 IBS-2", None,
     "draft-wang-tls-raw-public-key-with-ibc", []),
    (0x0707, "iso_chinese_ibs", "ISO/IEC 14888-3 Chinese IBS", None,
     "draft-wang-tls-raw-public-key-with-ibc", []),
    (0x0708, "sm2sig_sm3", "SM2", "SM3", "RFC8998", []),
    (0x0709, "gostr34102012_256a", "GOST R 34.10-2012", "GOSTR341112_256", "RFC9367", []),
    (0x070A, "gostr34102012_256b", "GOST R 34.10-2012", "GOSTR341112_256", "RFC9367", []),
    (0x070B, "gostr34102012_256c", "GOST R 34.10-2012", "GOSTR341112_256", "RFC9367", []),
    (0x070C, "gostr34102012_256d", "GOST R 34.10-2012", "GOSTR341112_256", "RFC9367", []),
    (0x070D, "gostr34102012_512a", "GOST R 34.10-2012", "GOSTR341112_512", "RFC9367", []),
    (0x070E, "gostr34102012_512b", "GOST R 34.10-2012", "GOSTR341112_512", "RFC9367", []),
    (0x070F, "gostr34102012_512c", "GOST R 34.10-2012", "GOSTR341112_512", "RFC9367", []),
    (0x0804, "rsa_pss_rsae_sha256", "RSASSA-PSS", "SHA256", "RFC8446", []),
    (0x0805, "rsa_pss_rsae_sha384", "RSASSA-PSS", "SHA384", "RFC8446", []),
    (0x0806, "rsa_pss_rsae_sha512", "RSASSA-PSS", "SHA512", "RFC8446", []),
    (0x0807, "ed25519", "EdDSA (Ed25519)", "intrinsic", "RFC8446", []),
    (0x0808, "ed448", "EdDSA (Ed448)", "intrinsic", "RFC8446", []),
    (0x0809, "rsa_pss_pss_sha256", "RSASSA-PSS", "SHA256", "RFC8446", []),
    (0x080A, "rsa_pss_pss_sha384", "RSASSA-PSS", "SHA384", "RFC8446", []),
    (0x080B, "rsa_pss_pss_sha512", "RSASSA-PSS", "SHA512", "RFC8446", []),
    (0x081A, "ecdsa_brainpoolP256r1tls13_sha256", "ECDSA", "SHA256", "RFC8734", []),
    (0x081B, "ecdsa_brainpoolP384r1tls13_sha384", "ECDSA", "SHA384", "RFC8734", []),
    (0x081C, "ecdsa_brainpoolP512r1tls13_sha512", "ECDSA", "SHA512", "RFC8734", []),
    # RFC 9189 §4.2: HashAlgorithm Intrinsic(8) with SignatureAlgorithm
    # gostr34102012_256(64) / _512(65); TLS 1.2 only.
    (0x0840, "gostr34102012_256", "GOST R 34.10-2012", "GOSTR341112_256",
     "RFC9189", ["REG_SIG_TLS12_PAIR"]),
    (0x0841, "gostr34102012_512", "GOST R 34.10-2012", "GOSTR341112_512",
     "RFC9189", ["REG_SIG_TLS12_PAIR"]),
    (0x0904, "mldsa44", "ML-DSA-44", "intrinsic", "draft-ietf-tls-mldsa", []),
    (0x0905, "mldsa65", "ML-DSA-65", "intrinsic", "draft-ietf-tls-mldsa", []),
    (0x0906, "mldsa87", "ML-DSA-87", "intrinsic", "draft-ietf-tls-mldsa", []),
]
_TLS12_HASH = {1: ("md5", "MD5"), 2: ("sha1", "SHA1"), 3: ("sha224", "SHA224"),
               4: ("sha256", "SHA256"), 5: ("sha384", "SHA384"), 6: ("sha512", "SHA512")}
_TLS12_SIG = {1: ("rsa", "RSASSA-PKCS1-v1_5"), 2: ("dsa", "DSA"), 3: ("ecdsa", "ECDSA")}
_have = {s[0] for s in SIGS}
for _h, (_hn, _hh) in _TLS12_HASH.items():
    for _s, (_sn, _alg) in _TLS12_SIG.items():
        _v = _h << 8 | _s
        if _v not in _have:
            SIGS.append((_v, "%s_%s" % (_sn, _hn), _alg, _hh, "RFC5246",
                         ["REG_SIG_TLS12_PAIR"]))
SIGS.sort()

# --------------------------------------------------------------------------
# Small name registries: (value, IANA name, defining document).
NAMES = {
    "alert": [   # TLS Alerts (tls-parameters-6)
        (0, "close_notify", "RFC8446"), (10, "unexpected_message", "RFC8446"),
        (20, "bad_record_mac", "RFC8446"), (21, "decryption_failed", "RFC5246"),
        (22, "record_overflow", "RFC8446"), (30, "decompression_failure", "RFC5246"),
        (40, "handshake_failure", "RFC8446"), (41, "no_certificate", "RFC5246"),
        (42, "bad_certificate", "RFC8446"), (43, "unsupported_certificate", "RFC8446"),
        (44, "certificate_revoked", "RFC8446"), (45, "certificate_expired", "RFC8446"),
        (46, "certificate_unknown", "RFC8446"), (47, "illegal_parameter", "RFC8446"),
        (48, "unknown_ca", "RFC8446"), (49, "access_denied", "RFC8446"),
        (50, "decode_error", "RFC8446"), (51, "decrypt_error", "RFC8446"),
        (52, "too_many_cids_requested", "RFC9147"),
        (60, "export_restriction", "RFC5246"), (70, "protocol_version", "RFC8446"),
        (71, "insufficient_security", "RFC8446"), (80, "internal_error", "RFC8446"),
        (86, "inappropriate_fallback", "RFC7507"), (90, "user_canceled", "RFC8446"),
        (100, "no_renegotiation", "RFC5246"), (109, "missing_extension", "RFC8446"),
        (110, "unsupported_extension", "RFC8446"),
        (111, "certificate_unobtainable", "RFC6066"),
        (112, "unrecognized_name", "RFC6066"),
        (113, "bad_certificate_status_response", "RFC6066"),
        (114, "bad_certificate_hash_value", "RFC6066"),
        (115, "unknown_psk_identity", "RFC4279"),
        (116, "certificate_required", "RFC8446"),
        (117, "general_error", "RFC9846"),
        (120, "no_application_protocol", "RFC7301"),
        (121, "ech_required", "RFC9849"),
    ],
    "content_type": [   # TLS ContentType (tls-parameters-5)
        (20, "change_cipher_spec", "RFC8446"), (21, "alert", "RFC8446"),
        (22, "handshake", "RFC8446"), (23, "application_data", "RFC8446"),
        (24, "heartbeat", "RFC6520"), (25, "tls12_cid", "RFC9146"),
        (26, "ACK", "RFC9147"),
    ],
    "client_cert_type": [   # TLS ClientCertificateType Identifiers (-2)
        (1, "rsa_sign", "RFC5246"), (2, "dss_sign", "RFC5246"),
        (3, "rsa_fixed_dh", "RFC5246"), (4, "dss_fixed_dh", "RFC5246"),
        (5, "rsa_ephemeral_dh_RESERVED", "RFC5246"),
        (6, "dss_ephemeral_dh_RESERVED", "RFC5246"),
        (20, "fortezza_dms_RESERVED", "RFC5246"),
        (64, "ecdsa_sign", "RFC8422"), (65, "rsa_fixed_ecdh", "RFC8422"),
        (66, "ecdsa_fixed_ecdh", "RFC8422"),
        (67, "gost_sign256", "RFC9189"), (68, "gost_sign512", "RFC9189"),
    ],
    "psk_ke_mode": [   # TLS PskKeyExchangeMode
        (0, "psk_ke", "RFC8446"), (1, "psk_dhe_ke", "RFC8446"),
    ],
    "ec_point_format": [   # TLS EC Point Formats (tls-parameters-9)
        (0, "uncompressed", "RFC8422"),
        (1, "ansiX962_compressed_prime", "RFC8422"),
        (2, "ansiX962_compressed_char2", "RFC8422"),
    ],
    "cert_status_type": [   # TLS Certificate Status Types
        (1, "ocsp", "RFC6066"), (2, "ocsp_multi", "RFC6961"),
    ],
    "cert_compression": [   # TLS Certificate Compression Algorithm IDs
        (1, "zlib", "RFC8879"), (2, "brotli", "RFC8879"), (3, "zstd", "RFC8879"),
    ],
    "heartbeat_mode": [   # Heartbeat Modes
        (1, "peer_allowed_to_send", "RFC6520"),
        (2, "peer_not_allowed_to_send", "RFC6520"),
    ],
    "heartbeat_msg": [   # Heartbeat Message Types
        (1, "heartbeat_request", "RFC6520"), (2, "heartbeat_response", "RFC6520"),
    ],
    "compression_method": [   # TLS Compression Method Identifiers
        (0, "null", "RFC5246"), (1, "DEFLATE", "RFC3749"), (64, "LZS", "RFC3943"),
    ],
    "version": [   # not an IANA registry; RFC 8446, RFC 9147, RFC 6347
        (0x0002, "SSL 2.0", "RFC6176"), (0x0300, "SSL 3.0", "RFC6101"),
        (0x0301, "TLS 1.0", "RFC2246"), (0x0302, "TLS 1.1", "RFC4346"),
        (0x0303, "TLS 1.2", "RFC5246"), (0x0304, "TLS 1.3", "RFC8446"),
        (0xFEFC, "DTLS 1.3", "RFC9147"), (0xFEFD, "DTLS 1.2", "RFC6347"),
        (0xFEFF, "DTLS 1.0", "RFC4347"),
    ],
}

# --------------------------------------------------------------------------
# ALPN Protocol IDs: (identification sequence, protocol, reference).
ALPN = [
    ("http/0.9", "HTTP/0.9", "RFC1945"),
    ("http/1.0", "HTTP/1.0", "RFC1945"),
    ("http/1.1", "HTTP/1.1", "RFC9112"),
    ("spdy/1", "SPDY/1", "chromium.org SPDY draft 1"),
    ("spdy/2", "SPDY/2", "chromium.org SPDY draft 2"),
    ("spdy/3", "SPDY/3", "chromium.org SPDY draft 3"),
    ("stun.turn", "Traversal Using Relays around NAT (TURN)", "RFC7443"),
    ("stun.nat-discovery", "NAT discovery using STUN", "RFC7443"),
    ("h2", "HTTP/2 over TLS", "RFC9113"),
    ("h2c", "HTTP/2 over TCP (not for TLS)", "RFC9113"),
    ("webrtc", "WebRTC Media and Data", "RFC8833"),
    ("c-webrtc", "Confidential WebRTC Media and Data", "RFC8833"),
    ("ftp", "FTP", "RFC4217"),
    ("imap", "IMAP", "RFC2595"),
    ("pop3", "POP3", "RFC2595"),
    ("managesieve", "ManageSieve", "RFC5804"),
    ("coap", "CoAP over TLS", "RFC8323"),
    ("xmpp-client", "XMPP client-to-server (jabber:client)", "XEP-0368"),
    ("xmpp-server", "XMPP server-to-server (jabber:server)", "XEP-0368"),
    ("acme-tls/1", "ACME TLS-ALPN-01 challenge", "RFC8737"),
    ("mqtt", "OASIS Message Queuing Telemetry Transport (MQTT)", ""),
    ("dot", "DNS over TLS", "RFC7858"),
    ("ntske/1", "Network Time Security Key Establishment, version 1", "RFC8915"),
    ("sunrpc", "SunRPC (RPC-with-TLS)", "RFC9289"),
    ("h3", "HTTP/3", "RFC9114"),
    ("smb", "SMB2", "MS-SMB2"),
    ("irc", "IRC", ""),
    ("nntp", "NNTP (reading)", "RFC3977"),
    ("nnsp", "NNTP (transit)", "RFC3977"),
    ("doq", "DNS over QUIC", "RFC9250"),
    ("sip/2", "SIP", "RFC3261"),
    ("tds/8.0", "TDS 8.0 (SQL Server)", "MS-TDS"),
    ("dicom", "DICOM", "DICOM PS3.15"),
    ("postgresql", "PostgreSQL", ""),
    ("radius/1.0", "RADIUS/1.0 over TLS or DTLS", "RFC9765"),
    ("radius/1.1", "RADIUS/1.1 over TLS or DTLS", "RFC9765"),
]


# --------------------------------------------------------------------------
def c_str(s):
    if s is None:
        return "NULL"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flags_expr(fl):
    return " | ".join(fl) if fl else "0"


def check_sorted(name, keys):
    for a, b in zip(keys, keys[1:]):
        if not a < b:
            sys.exit("%s: %r is not before %r" % (name, a, b))


def emit_suites(out):
    rows = []
    for line in SUITES.strip().splitlines():
        v, n = line.split()
        rows.append(decompose(int(v, 16), n))
    check_sorted("suites", [r["value"] for r in rows])
    out.append("const struct reg_suite tlsx_reg_suites[] = {")
    for r in rows:
        out.append("    { 0x%04X, %s,\n      %s, %d, '%s',\n      %s, %s,\n"
                   "      %s, %s, %s, %s, %s, %s },"
                   % (r["value"], c_str(r["name"]), flags_expr(r["flags"]),
                      r["bits"], r["rec"], c_str(r["kx"]), c_str(r["auth"]),
                      c_str(r["cipher"]), c_str(r["mode"]), c_str(r["enc"]),
                      c_str(r["mac"]), c_str(r["prf"]), c_str(r["rfc"])))
    out.append("};")
    out.append("const gsize tlsx_reg_n_suites = G_N_ELEMENTS(tlsx_reg_suites);\n")
    return len(rows)


def emit_extensions(out):
    check_sorted("extensions", [e[0] for e in EXTENSIONS])
    out.append("const struct reg_extension tlsx_reg_extensions[] = {")
    for v, n, rfc in EXTENSIONS:
        out.append("    { %d, %s, %s }," % (v, c_str(n), c_str(rfc)))
    out.append("};")
    out.append("const gsize tlsx_reg_n_extensions = G_N_ELEMENTS(tlsx_reg_extensions);\n")
    return len(EXTENSIONS)


def emit_groups(out):
    check_sorted("groups", [g[0] for g in GROUPS])
    out.append("const struct reg_group tlsx_reg_groups[] = {")
    for v, n, kind, bits, cs, ss, rfc in GROUPS:
        rec = "D" if v in GROUP_D else "Y" if v in GROUP_Y else "N"
        out.append("    { %d, REG_GROUP_%s, '%s', %d, %d, %d, %s, %s },"
                   % (v, kind, rec, bits, cs, ss, c_str(n), c_str(rfc)))
    out.append("};")
    out.append("const gsize tlsx_reg_n_groups = G_N_ELEMENTS(tlsx_reg_groups);\n")
    return len(GROUPS)


def emit_sigs(out):
    check_sorted("sigschemes", [s[0] for s in SIGS])
    out.append("const struct reg_sigscheme tlsx_reg_sigschemes[] = {")
    for v, n, alg, h, rfc, fl in SIGS:
        fl = list(fl)
        if h in ("MD5", "SHA1"):
            fl.append("REG_SIG_WEAK")
        rec = "Y" if v in SIG_Y else "N"
        out.append("    { 0x%04X, %s, '%s', %s, %s, %s, %s },"
                   % (v, flags_expr(fl), rec, c_str(n), c_str(alg), c_str(h), c_str(rfc)))
    out.append("};")
    out.append("const gsize tlsx_reg_n_sigschemes = G_N_ELEMENTS(tlsx_reg_sigschemes);\n")
    return len(SIGS)


def emit_names(out):
    counts = {}
    for key, rows in NAMES.items():
        check_sorted(key, [r[0] for r in rows])
        out.append("static const struct reg_name %s[] = {" % key)
        fmt = "    { 0x%04X, %s, %s }," if key == "version" else "    { %d, %s, %s },"
        for v, n, rfc in rows:
            out.append(fmt % (v, c_str(n), c_str(rfc)))
        out.append("};")
        counts[key] = len(rows)
    out.append("const struct reg_name_table tlsx_reg_name_tables[REG_N_TABLES] = {")
    for key in NAMES:
        out.append("    [REG_%s] = { %s, G_N_ELEMENTS(%s) }," % (key.upper(), key, key))
    out.append("};\n")
    return counts


def alpn_key(entry):
    return entry[0].encode()


def emit_alpn(out):
    rows = sorted(ALPN, key=alpn_key)
    check_sorted("alpn", [alpn_key(r) for r in rows])
    out.append("const struct reg_alpn tlsx_reg_alpn[] = {")
    for ident, desc, rfc in rows:
        out.append("    { %s, %d, %s, %s }," % (c_str(ident), len(ident.encode()),
                                              c_str(desc), c_str(rfc)))
    out.append("};")
    out.append("const gsize tlsx_reg_n_alpn = G_N_ELEMENTS(tlsx_reg_alpn);\n")
    return len(rows)


HEADER = """/* IANA TLS parameter tables. GENERATED by gen_registry.py: edit that
 * script (it says where its input came from) and run it again.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Counts: %(counts)s.
 *
 * Known gaps (left out rather than guessed):
 *  - Supported Groups 4590 curveSM2MLKEM768 (not in the IANA export used).
 *  - ALPN "co", "netperfmeter/control", "netperfmeter/data", "n-pamp/2",
 *    "EoQ", "snifq/1" (only one unofficial source lists them).
 *  - ContentType 27 return_routability_check (DTLS RRC draft, unconfirmed).
 *  - Key-share sizes of the GOST curves GC256A..GC512C (0 = unknown).
 *  - Hash used by the IBC signature schemes 0x0705..0x0707 (NULL).
 *  - Forward secrecy of SRP, ECCPWD and GOST TLS 1.2 suites (not flagged).
 *  - "Recommended" values are those of the 2023/2024 IANA exports.
 */
#include "registry.h"

/* Declared here too so that every definition has a prior declaration. */
extern const struct reg_suite tlsx_reg_suites[];
extern const gsize tlsx_reg_n_suites;
extern const struct reg_extension tlsx_reg_extensions[];
extern const gsize tlsx_reg_n_extensions;
extern const struct reg_group tlsx_reg_groups[];
extern const gsize tlsx_reg_n_groups;
extern const struct reg_sigscheme tlsx_reg_sigschemes[];
extern const gsize tlsx_reg_n_sigschemes;
extern const struct reg_alpn tlsx_reg_alpn[];
extern const gsize tlsx_reg_n_alpn;
extern const struct reg_name_table tlsx_reg_name_tables[REG_N_TABLES];
"""


def main():
    body = []
    counts = {"cipher suites": emit_suites(body),
              "extensions": emit_extensions(body),
              "groups": emit_groups(body),
              "signature schemes": emit_sigs(body)}
    for key, n in emit_names(body).items():
        counts[key] = n
    counts["ALPN IDs"] = emit_alpn(body)
    summary = ", ".join("%s %d" % (k, v) for k, v in counts.items())
    wrapped = []
    line = ""
    for part in summary.split(", "):
        if len(line) + len(part) > 66:
            wrapped.append(line.rstrip())
            line = ""
        line += part + ", "
    wrapped.append(line.rstrip(", "))
    text = HEADER % {"counts": "\n *   ".join(wrapped)} + "\n" + "\n".join(body)
    # --out FILE writes elsewhere: the suite compares that with the
    # committed file, so the two never drift apart.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "registry_data.c")
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        path = sys.argv[2]
    with open(path, "w") as f:
        f.write(text)
    print(summary)


if __name__ == "__main__":
    main()
