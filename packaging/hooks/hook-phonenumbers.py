"""Replaces pyinstaller-hooks-contrib's phonenumbers hook, which collects every submodule.

phonenumbers imports each region's metadata lazily by name (phonenumbers.data.region_DK, ...), so those must be
listed; its geocoder, carrier and time-zone tables (43 MB of source) are left out: we parse, validate and format
numbers, nothing more. build.spec also excludes them, so an import of them fails loudly instead of half-working.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "phonenumbers.geodata",
    "phonenumbers.carrierdata",
    "phonenumbers.tzdata",
    "phonenumbers.geocoder",
    "phonenumbers.carrier",
    "phonenumbers.timezone",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
