; Kadr for Windows: a per-user installer (no administrator rights needed).
;   makensis -DVERSION=0.1.0 -DBUNDLE=...\dist\windows\kadr -DICON=...\kadr.ico -DOUT=...\dist kadr.nsi
; BUNDLE is the PyInstaller one-folder build (Kadr.exe, kadr-cli.exe, _internal\).
;
; Silent install for IT (30 PCs):   Kadr-0.1.0-setup.exe /S [/D=C:\Path\Without\Quotes]
;   /S     no questions, no windows; exit code 0 on success
;   /D=    the install folder (must be last, no quotes, even with spaces);
;          default: %LOCALAPPDATA%\Programs\Kadr (per user, no admin)
; Silent uninstall:  "%LOCALAPPDATA%\Programs\Kadr\Uninstall Kadr.exe" /S
;
; Classroom file: a folder named "classroom" beside the installer is applied for the user:
;   classroom\settings.json -> %LOCALAPPDATA%\kadr\settings.json        (if none yet)
;   classroom\teacher.toml  -> %LOCALAPPDATA%\kadr\learner\teacher.toml (if none yet)
;   classroom\lessons\*     -> %APPDATA%\kadr\lessons\  (teacher-added lesson packs)
; Films and progress are never touched, by the installer or the uninstaller.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef BUNDLE
  !error "give -DBUNDLE=path\to\dist\windows\kadr"
!endif
!ifndef OUT
  !define OUT "."
!endif

!define APPNAME "Kadr"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kadr"
!define UNINSTALLER "Uninstall Kadr.exe"

Name "${APPNAME}"
OutFile "${OUT}\Kadr-${VERSION}-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\Kadr"
InstallDirRegKey HKCU "Software\Kadr" "InstallDir"
BrandingText "Kadr ${VERSION}"
!ifdef ICON
  Icon "${ICON}"
  UninstallIcon "${ICON}"
!endif

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Kadr"
VIAddVersionKey "FileDescription" "Kadr animation studio installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Kadr authors, MIT licence; see THIRD-PARTY-NOTICES.md"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ABORTWARNING
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_FINISHPAGE_RUN "$INSTDIR\Kadr.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Kadr"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${BUNDLE}\_internal\THIRD-PARTY-NOTICES.md"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"
; NSIS has no Kazakh translation: Kazakh-speaking users choose Russian or English
!insertmacro MUI_LANGUAGE "Korean"
!insertmacro MUI_LANGUAGE "Japanese"

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Kadr" Main
  SectionIn RO
  SetShellVarContext current
  ; an older version's files go first, so nothing stale is left beside the new ones
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  File "/oname=THIRD-PARTY-NOTICES.md" "${BUNDLE}\_internal\THIRD-PARTY-NOTICES.md"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateDirectory "$SMPROGRAMS\Kadr"
  CreateShortcut "$SMPROGRAMS\Kadr\Kadr.lnk" "$INSTDIR\Kadr.exe" "" "$INSTDIR\Kadr.exe" 0
  CreateShortcut "$SMPROGRAMS\Kadr\Uninstall Kadr.lnk" "$INSTDIR\${UNINSTALLER}"

  ; .kadr films open in Kadr (per user)
  WriteRegStr HKCU "Software\Classes\.kadr" "" "Kadr.Film"
  WriteRegStr HKCU "Software\Classes\Kadr.Film" "" "Kadr film"
  WriteRegStr HKCU "Software\Classes\Kadr.Film\DefaultIcon" "" "$INSTDIR\Kadr.exe,0"
  WriteRegStr HKCU "Software\Classes\Kadr.Film\shell\open\command" "" '"$INSTDIR\Kadr.exe" "%1"'

  WriteRegStr HKCU "Software\Kadr" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "Kadr"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Kadr authors"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\Kadr.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ; the classroom folder beside the installer (see the top of this file)
  IfFileExists "$EXEDIR\classroom\settings.json" 0 +4
    CreateDirectory "$LOCALAPPDATA\kadr"
    IfFileExists "$LOCALAPPDATA\kadr\settings.json" +2 0
      CopyFiles /SILENT "$EXEDIR\classroom\settings.json" "$LOCALAPPDATA\kadr\settings.json"
  IfFileExists "$EXEDIR\classroom\teacher.toml" 0 +4
    CreateDirectory "$LOCALAPPDATA\kadr\learner"
    IfFileExists "$LOCALAPPDATA\kadr\learner\teacher.toml" +2 0
      CopyFiles /SILENT "$EXEDIR\classroom\teacher.toml" "$LOCALAPPDATA\kadr\learner\teacher.toml"
  IfFileExists "$EXEDIR\classroom\lessons\*.*" 0 +3
    CreateDirectory "$APPDATA\kadr\lessons"
    CopyFiles /SILENT "$EXEDIR\classroom\lessons\*.*" "$APPDATA\kadr\lessons"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\Kadr\Kadr.lnk"
  Delete "$SMPROGRAMS\Kadr\Uninstall Kadr.lnk"
  RMDir "$SMPROGRAMS\Kadr"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\Kadr"
  ReadRegStr $0 HKCU "Software\Classes\.kadr" ""
  StrCmp $0 "Kadr.Film" 0 +2
    DeleteRegKey HKCU "Software\Classes\.kadr"
  DeleteRegKey HKCU "Software\Classes\Kadr.Film"
  ; only what the installer put there: films, settings and lessons stay with the user
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Kadr.exe"
  Delete "$INSTDIR\kadr-cli.exe"
  Delete "$INSTDIR\THIRD-PARTY-NOTICES.md"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
SectionEnd
