"""Replaces pyinstaller-hooks-contrib's phonenumbers hook, which collects every submodule.

phonenumbers imports each region's metadata lazily by name (phonenumbers.data.region_DK, ...), so those must be
listed; its geocoder and carrier tables (43 MB of source) are left out: we parse, validate and format numbers and
read their time zone (quiet hours), nothing more. build.spec also excludes them, so an import of them fails loudly
instead of half-working.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "phonenumbers.geodata",
    "phonenumbers.carrierdata",
    "phonenumbers.geocoder",
    "phonenumbers.carrier",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
