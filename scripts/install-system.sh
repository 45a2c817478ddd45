#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Meedoen needs, only those missing:
# PostgreSQL with PostGIS, GDAL/GEOS/PROJ for GeoDjango, binutils, and for the
# browser tests Debian's Chromium and Node.js/npm (axe-core comes from npm);
# Pango/HarfBuzz for WeasyPrint's PDFs; gettext for the translations.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || missing+=("$1"); }

need gdal-bin
need libgdal-dev
need binutils
need postgresql-client
need chromium
# WeasyPrint (the printed agenda as PDF, docs/print.md): Pango and HarfBuzz,
# as its docs list them for Debian/Ubuntu; fonts for the sheet.
need libpango-1.0-0
need libpangoft2-1.0-0
need libharfbuzz-subset0
need fonts-dejavu-core
# The interface's translations (docs/languages.md): msgfmt compiles them,
# xgettext extracts them (make messages).
need gettext
# Node.js may come from elsewhere (nvm, NodeSource): only install it if absent.
command -v node >/dev/null || need nodejs
command -v npm >/dev/null || need npm
# A PostGIS for every PostgreSQL server installed here; a server if there is none
# (used only when no DATABASE_URL is set and nothing answers on 127.0.0.1:5432).
versions=$(ls /usr/lib/postgresql 2>/dev/null || true)
if [ -z "$versions" ]; then
  need postgresql
  need postgresql-postgis
else
  for v in $versions; do need "postgresql-$v-postgis-3"; done
fi

if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
