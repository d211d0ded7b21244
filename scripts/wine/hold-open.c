/* Holds a file open the way Windows holds a running program's .exe (others may read it, no
 * one may write or delete it): the installer check's stand-in for a Loket that is still open.
 * Usage: hold-open.exe FILE MARKER. Once FILE is held, MARKER is created; FILE is let go when
 * MARKER is deleted (or after two minutes). */
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) return 2;
    HANDLE file = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) return 1;
    HANDLE marker = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_NEW,
                                FILE_ATTRIBUTE_NORMAL, NULL);
    if (marker == INVALID_HANDLE_VALUE) return 1;
    CloseHandle(marker);
    for (int tenths = 0; tenths < 1200; tenths++) {
        if (GetFileAttributesW(argv[2]) == INVALID_FILE_ATTRIBUTES) break;
        Sleep(100);
    }
    CloseHandle(file);
    return 0;
}
