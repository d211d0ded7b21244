/* Wine 8.0 (Debian 12's) lacks bcryptprimitives.dll, which every Rust >= 1.78 program for
 * Windows imports for ProcessPrng (Windows 10 and 11 have it; Wine has it from 8.13). This
 * stand-in for the tests' Wine prefix only: it fills the buffer from RtlGenRandom. */
#include <windows.h>

#define RtlGenRandom SystemFunction036
BOOLEAN WINAPI RtlGenRandom(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
