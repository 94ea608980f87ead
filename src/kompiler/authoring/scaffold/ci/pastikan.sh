# Pastikan perintah "kompiler" adalah kompiler standar kompetensi versi KOMPILER_VERSI: program lain
# yang bernama sama akan lolos tanpa memeriksa apa pun.
versi=$(timeout 60 kompiler --version 2>/dev/null) || versi=""
aturan=$(timeout 60 kompiler rules 2>/dev/null) || aturan=""
case "$aturan" in *KMP101*) ;; *) versi="$versi (tanpa aturan KMP / no KMP rules)" ;; esac
if [ "$versi" != "kompiler, version $KOMPILER_VERSI" ]; then
  echo "Perintah kompiler yang terpasang bukan kompiler standar kompetensi $KOMPILER_VERSI: ${versi:-tidak menjawab}." >&2
  echo "/ The installed kompiler command is not the competency-standards kompiler $KOMPILER_VERSI." >&2
  exit 1
fi
echo "$versi"
