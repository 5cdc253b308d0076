# Builds Village Archive (村级文化档案) for Windows 10 (1809 or later) / 11, x64:
#   dist\village-archive\                      the one-folder app (village-archive.exe: the app;
#                                               village-archive-cli.exe: the same commands as main.py, in a console)
#   dist\village-archive-<version>-setup.exe   the per-user installer (no administrator rights)
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-SkipInstaller] [-SkipSmoke]
#
# Needs Python 3.10+ (64-bit) on PATH and NSIS 3 (makensis on PATH or in its default folder).
# Not run on Windows by this project's CI: see README ("Windows: unverified").
param([switch]$SkipInstaller, [switch]$SkipSmoke)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

python -m pip install --upgrade pip
python -m pip install -e ".[packaging]"
$version = (python -c "import storage; print(storage.__version__)").Trim()
$started = Get-Date

Write-Host "== PyInstaller: dist\village-archive (version $version)"
if (Test-Path dist\village-archive) { Remove-Item -Recurse -Force dist\village-archive }
python -m PyInstaller --noconfirm --clean --log-level WARN --workpath build\pyinstaller --distpath dist `
    packaging\village-archive.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

if (-not $SkipSmoke) {
    # From a scratch folder outside the checkout, as a keeper's PC would run it.
    $cli = Join-Path $root "dist\village-archive\village-archive-cli.exe"
    $work = Join-Path $env:TEMP ("va-smoke-" + [guid]::NewGuid())
    New-Item -ItemType Directory $work | Out-Null
    Push-Location $work
    try {
        $env:PYTHONPATH = ""
        & $cli --version; if ($LASTEXITCODE) { throw "--version failed" }
        & $cli demo --archive demo.db; if ($LASTEXITCODE) { throw "demo failed" }
        & $cli report --archive demo.db --year 2017 --out dossier.pdf; if ($LASTEXITCODE) { throw "report failed" }
        & $cli check --archive demo.db; if ($LASTEXITCODE) { throw "check failed" }
        & $cli export --archive demo.db --year 2017 --out village.zip; if ($LASTEXITCODE) { throw "export failed" }
        & $cli verify village.zip; if ($LASTEXITCODE) { throw "verify failed" }
        $env:VILLAGE_ARCHIVE_SMOKE_GUI = "90"
        $gui = Start-Process -FilePath (Join-Path $root "dist\village-archive\village-archive.exe") `
            -ArgumentList "--archive", "demo.db" -Wait -PassThru
        Remove-Item Env:\VILLAGE_ARCHIVE_SMOKE_GUI
        if ($gui.ExitCode -ne 0) { throw "the app did not reach its main window (exit $($gui.ExitCode))" }
        Write-Host "smoke: passed"
    } finally {
        Pop-Location
        Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
    }
}

if (-not $SkipInstaller) {
    $makensis = Get-Command makensis -ErrorAction SilentlyContinue
    if ($makensis) { $makensis = $makensis.Source } else { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
    $out = Join-Path $root "dist\village-archive-$version-setup.exe"
    & $makensis "/DVERSION=$version" "/DSRCDIR=$root\dist\village-archive" "/DOUTFILE=$out" `
        packaging\windows\installer.nsi
    if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
    Write-Host ("installer: {0} ({1:N0} MB)" -f $out, ((Get-Item $out).Length / 1MB))
}
$folder = (Get-ChildItem -Recurse dist\village-archive | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("folder: {0:N0} MB; time: {1:N0} s" -f $folder, ((Get-Date) - $started).TotalSeconds)
