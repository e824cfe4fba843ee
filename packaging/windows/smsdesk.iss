; Inno Setup script: the Windows installer of SMSDesk, made from the folder packaging/build.py builds (dist\SMSDesk).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\smsdesk.iss      ->  dist\installer\SMSDesk-0.1.0-setup.exe
;
; The version comes from pyproject.toml: CI reads it there and passes it with /D (.github/workflows/ci.yml); there
; is no default, so an installer never carries a stale number.
;
; Per user, without admin rights (a shop's PC often has none to give): the app goes to
; %LOCALAPPDATA%\Programs\SMSDesk, the shortcuts to the user's own Start menu and desktop. The uninstaller removes
; the app and leaves the user's data (%LOCALAPPDATA%\SMSDesk: campaigns, opt-outs; keys live in Credential Manager).

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\windows\smsdesk.iss
#endif

#define AppName "SMSDesk"
#define AppExe "SMSDesk.exe"
; Relative to this file; build the app first (packaging/build.py).
#define AppFolder "..\..\dist\SMSDesk"
#define AppIcon "_internal\resources\icons\smsdesk.ico"

[Setup]
; One id for every version, so an upgrade replaces the installed app instead of adding a second one.
AppId={{5C0B8E4A-6F1D-4C2B-9A7E-3D8F1B2C6E90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SMSDesk
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\smsdesk.ico
UninstallDisplayIcon={app}\{#AppIcon}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running SMSDesk holds its files open: ask to close it rather than fail halfway.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#AppFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not keep libraries the new version no longer ships (PyInstaller's folder changes between builds).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppIcon}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppIcon}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
