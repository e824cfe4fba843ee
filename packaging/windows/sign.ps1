# Sign Windows executables with the code-signing certificate in the repository secrets, or say why not.
# Usage (CI): ./packaging/windows/sign.ps1 FILE... with WINDOWS_CERTIFICATE (a base64 .pfx) and
# WINDOWS_CERTIFICATE_PASSWORD in the environment. Without a certificate it prints one line and succeeds: an
# unsigned build still installs, and Windows SmartScreen warns once ("More info" > "Run anyway").
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Files)
$ErrorActionPreference = "Stop"

if (-not $env:WINDOWS_CERTIFICATE) {
    Write-Output "No WINDOWS_CERTIFICATE secret is set: not signing $($Files -join ', ')."
    exit 0
}
$pfx = Join-Path $env:RUNNER_TEMP "smsdesk-signing.pfx"
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
try {
    # signtool comes with the Windows SDK on GitHub's Windows runners; take the newest x64 one.
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $signtool) { throw "signtool.exe not found (Windows SDK missing)" }
    foreach ($file in $Files) {
        & $signtool.FullName sign /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD /fd SHA256 `
            /tr http://timestamp.digicert.com /td SHA256 /d "SMSDesk" $file
        if ($LASTEXITCODE -ne 0) { throw "signtool failed on $file" }
    }
} finally {
    Remove-Item $pfx -ErrorAction SilentlyContinue
}
