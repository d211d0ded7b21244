; Loket's Windows installer, built on Linux by Debian's makensis (scripts/windows-installer.sh):
; a per-user install without administrator rights, in Indonesian, with Start-menu and desktop
; shortcuts, an entry in Apps & features, and an uninstaller that keeps the office's data
; folder unless asked. Defines passed by the script: VERSION, PUBLISHER, SOURCE (the folder
; holding loket.exe and WebView2Loader.dll), SIZE_KB (theirs), ICON, OUTFILE.
; Exit codes of a silent install (/S): 3 loket.exe cannot be replaced (Loket is open), 4 Windows
; older than 10, 5 no WebView2; NSIS's own: 1 cancelled, 2 failed (e.g. a file not written).

; 64-bit, like loket.exe; Debian's nsis ships the amd64 stubs.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
; A file that cannot be replaced stops the install instead of leaving the old one behind.
AllowSkipFiles off

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!define APP "Loket"
!define IDENTIFIER "id.go.kupangkota.dinsos.loket"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; The Evergreen WebView2 runtime's client key (per machine, and per user).
!define WEBVIEW2_KEY "SOFTWARE\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${IDENTIFIER}" "InstallDir"
BrandingText "${APP} ${VERSION} — ${PUBLISHER}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1057 "ProductName" "${APP}"
VIAddVersionKey /LANG=1057 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1057 "FileDescription" "Pemasang ${APP}"
VIAddVersionKey /LANG=1057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\loket.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Buka Loket sekarang"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"

; A running Loket holds loket.exe open: replacing or removing it now would leave the old
; program behind under the new version's name. Windows refuses to open a running program for
; writing, which is the test (so is a file made read-only or held by another program; the
; message says what to do in every case). Checked again just before the files are copied or
; removed, in case Loket was opened while the pages were shown.
!macro RefuseWhileLoketRuns ACTION AGAIN
  ${If} ${FileExists} "$INSTDIR\loket.exe"
    ClearErrors
    FileOpen $1 "$INSTDIR\loket.exe" a
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONSTOP "Berkas Loket di komputer ini tidak dapat ${ACTION}: Loket mungkin sedang dibuka. Tutup semua jendela Loket, lalu jalankan ${AGAIN} lagi. Bila masih gagal, mulai ulang komputer, lalu coba lagi." /SD IDOK
      SetErrorLevel 3
      Quit
    ${EndIf}
    FileClose $1
  ${EndIf}
!macroend

Function .onInit
  ; Loket (as every program of current Rust) needs Windows 10 or newer.
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "Loket memerlukan Windows 10 atau yang lebih baru. Komputer ini memakai Windows versi lama; minta admin kantor memperbaruinya." /SD IDOK
    SetErrorLevel 4
    Abort
  ${EndIf}
  ; The window is drawn by Microsoft Edge WebView2: part of Windows 11, brought to Windows 10
  ; by Windows Update since 2021. Without it Loket cannot open, so say so before copying.
  ; Per machine (32-bit view: WOW6432Node on 64-bit Windows), per machine in the 64-bit view,
  ; then per user, as Microsoft's WebView2 documentation lists them.
  SetRegView 32
  ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  SetRegView 64
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_OK|MB_ICONSTOP "Komputer ini belum memiliki Microsoft Edge WebView2 Runtime, yang dipakai Loket untuk menampilkan jendelanya.$\r$\n$\r$\nWebView2 sudah ada di Windows 11 dan Windows 10 yang diperbarui. Minta admin kantor memasang $\"Microsoft Edge WebView2 Runtime$\" (Evergreen Standalone Installer) dari situs Microsoft, lalu jalankan pemasang ini lagi." /SD IDOK
    ; A silent install (/S, e.g. by the office's IT) reports the refusal in its exit code.
    SetErrorLevel 5
    Abort
  ${EndIf}
  !insertmacro RefuseWhileLoketRuns "diganti" "pemasang Loket"
FunctionEnd

Function un.onInit
  !insertmacro RefuseWhileLoketRuns "dihapus" "Hapus Instalan Loket"
FunctionEnd

Section "Loket" SecMain
  SectionIn RO
  !insertmacro RefuseWhileLoketRuns "diganti" "pemasang Loket"
  SetOutPath "$INSTDIR"
  File "${SOURCE}\loket.exe"
  File "${SOURCE}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\loket.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\Hapus Instalan ${APP}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\loket.exe"

  WriteRegStr HKCU "Software\${IDENTIFIER}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\loket.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "un.Program Loket" UnSecProgram
  SectionIn RO
  !insertmacro RefuseWhileLoketRuns "dihapus" "Hapus Instalan Loket"
  Delete "$DESKTOP\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Hapus Instalan ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  Delete "$INSTDIR\loket.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${IDENTIFIER}"
SectionEnd

; Off unless ticked: the office's records (database, scans, log) stay for a reinstall or a
; move to another PC. Back them up first (Pengaturan > Cadangan).
Section /o "un.Data kantor di komputer ini (basis data, pindaian, log)" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Semua data kantor di komputer ini akan dihapus: basis data, berkas pindaian dan log di $LOCALAPPDATA\${IDENTIFIER}. Pastikan sudah ada cadangan. Hapus?" /SD IDNO IDYES +2
  Return
  RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"
SectionEnd

