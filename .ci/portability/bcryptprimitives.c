/* A stand-in for Windows' bcryptprimitives.dll, for wine 8 only.
 *
 * Rust's std (1.78 and later) fills its random seeds with ProcessPrng from bcryptprimitives.dll;
 * wine 8 has no such export, so every Rust program built for Windows fails to start under it.
 * This DLL exports ProcessPrng over advapi32's RtlGenRandom (SystemFunction036), which wine has.
 * It is placed in the test wine prefix's system32 by .ci/portability/check; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
