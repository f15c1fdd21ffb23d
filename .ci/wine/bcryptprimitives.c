/* Test-only shim, never shipped: Rust's std takes its random seed from ProcessPrng in
 * bcryptprimitives.dll (Windows 10+), which wine 8 does not export. This DLL provides it on
 * top of RtlGenRandom so the real .exe can be started under wine in CI. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
