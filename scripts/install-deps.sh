#!/usr/bin/env bash
# Installs the Debian 12 packages clustersim needs to build, test and read its output.
# Idempotent: installs only what is missing and stays quiet when everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libhdf5-dev hdf5-tools netcdf-bin libdeflate-dev
  libeigen3-dev libboost-random-dev libboost-math-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # NLopt's derivative-free local searches (clustersim calibrate)
  libnlopt-cxx-dev
  libopenmpi-dev openmpi-bin
  python3 python3-numpy python3-xarray python3-netcdf4 python3-h5netcdf python3-h5py python3-pandas
  python3-matplotlib python3-scipy r-base-core r-cran-hdf5r r-cran-haven
  # xr.open_mfdataset (many run files at once) needs dask; the tutorial notebook's test runs it with nbclient
  python3-dask python3-nbclient python3-nbformat python3-ipykernel
  # udunits2, with which the units test checks that every units attribute parses with UDUNITS-2
  udunits-bin
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
else
  sudo_cmd=()
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
