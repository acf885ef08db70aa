; Inno Setup script of mhdesk for Windows: installs per user, without administrator rights.
;
; Build the frozen program first (python -m PyInstaller installer\mhdesk.spec makes
; dist\mhdesk\ with mhdesk.exe for the command line and mhdeskw.exe for the window), then:
;     iscc /DAppVersion=0.1.0 installer\windows\mhdesk.iss
; The version is passed in by the build (.github/workflows/windows.yml reads it from
; dist\mhdesk\VERSION, which comes from pyproject.toml). The installer lands in dist\.
;
; NOT RUN ON THE PROJECT'S LINUX MACHINES: this script is exercised only by the Windows workflow.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z installer\windows\mhdesk.iss
#endif

[Setup]
AppId={{23567E8A-35A9-483F-A7B7-0C3485CA0C0B}
AppName=mhdesk
AppVersion={#AppVersion}
AppVerName=mhdesk {#AppVersion}
AppPublisher=Monitor mensenhandel
; Per user, no administrator: {autopf} is %LOCALAPPDATA%\Programs, registry keys go to HKCU.
PrivilegesRequired=lowest
DefaultDirName={autopf}\mhdesk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=mhdesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\mhdesk.ico
UninstallDisplayIcon={app}\mhdeskw.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\mhdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\mhdesk"; Filename: "{app}\mhdeskw.exe"; Comment: "Monitor mensenhandel"

[Registry]
; .mhd: an encrypted store; opening one starts the window at its unlock dialog.
Root: HKA; Subkey: "Software\Classes\.mhd"; ValueType: string; ValueName: ""; ValueData: "mhdesk.store"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\mhdesk.store"; ValueType: string; ValueName: ""; ValueData: "mhdesk-opslag"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\mhdesk.store\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\mhdeskw.exe,0"
Root: HKA; Subkey: "Software\Classes\mhdesk.store\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\mhdeskw.exe"" gui --store ""%1"""
; .mhb: a signed, encrypted bundle; it gets mhdesk's icon and name, and opens the window.
Root: HKA; Subkey: "Software\Classes\.mhb"; ValueType: string; ValueName: ""; ValueData: "mhdesk.bundle"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\mhdesk.bundle"; ValueType: string; ValueName: ""; ValueData: "mhdesk-bundel"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\mhdesk.bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\mhdeskw.exe,0"
Root: HKA; Subkey: "Software\Classes\mhdesk.bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\mhdeskw.exe"" gui"

[Run]
Filename: "{app}\mhdeskw.exe"; Description: "{cm:LaunchProgram,mhdesk}"; Flags: nowait postinstall skipifsilent
