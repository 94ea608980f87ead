# Pasang kompiler dari sumber yang dipatok (KOMPILER_PAKET), bukan dari nama "kompiler" di indeks paket:
# nama itu milik program lain yang keluar dengan 0 tanpa memeriksa apa pun.
case "$KOMPILER_PAKET" in
  "" | *"<"*)
    echo "KOMPILER_PAKET belum diisi: tulis sumber kompiler beserta tag atau commit-nya, misalnya" >&2
    echo "  kompiler-skj @ git+https://<alamat repositori kompiler>@<tag atau commit>" >&2
    echo "/ KOMPILER_PAKET is not set: give kompiler's source with a tag or commit, as above." >&2
    exit 1
    ;;
esac
python -m pip install "$KOMPILER_PAKET"
