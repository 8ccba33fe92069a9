"""Every rule the checker knows: a stable id, a severity and Indonesian text.

Messages and hints are ``str.format`` templates. The contributor guide is generated from this table
(``kompetensi rules --format markdown``), so a rule documented there is exactly the rule that runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    category: str
    summary: str
    message: str
    hint: str
    example: str = ""
    blocks_build: bool = True
    """False for rules that depend on the calendar: the site shows them to learners instead."""

    def at(self, path: str, line: int = 0, column: int = 0, /, **values: object) -> Finding:
        """Build a finding for this rule; unknown template fields never raise."""
        return Finding(
            path=path,
            line=max(0, line),
            column=max(0, column),
            rule=self.id,
            severity=self.severity,
            message=_fill(self.message, values),
            hint=_fill(self.hint, values),
        )


class _Missing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format_map(_Missing(values))


CATEGORIES = {
    "struktur": "Struktur modul",
    "kuis": "Kuis",
    "tautan": "Tautan dan gambar",
    "keamanan": "Keamanan",
    "kesegaran": "Kesegaran isi",
    "data": "Berkas data (glosarium, jalur belajar)",
    "agenda": "Agenda sesi tatap muka (modules/agenda.yml)",
}

_RULES = [
    # --- Struktur -------------------------------------------------------------------------------
    Rule(
        "manifest-missing",
        E,
        "struktur",
        "Folder modul tanpa module.yml",
        "Folder modul '{module}' tidak memiliki berkas module.yml.",
        "Buat {path}. Contoh lengkap ada di Panduan Kontribusi; `kompetensi new {module}` membuat kerangkanya.",
        "modules/contoh/ berisi 01-pengantar.md tetapi tidak ada module.yml",
    ),
    Rule(
        "yaml-syntax",
        E,
        "struktur",
        "Sintaks YAML salah",
        "YAML tidak dapat dibaca: {problem}.",
        "Periksa baris ini: indentasi memakai spasi (bukan tab), setiap kunci diikuti ': ', dan teks yang "
        "mengandung ': ' diberi tanda kutip.",
        'summary: Modul ini: pengantar   →   summary: "Modul ini: pengantar"',
    ),
    Rule(
        "yaml-alias",
        E,
        "struktur",
        "Anchor atau alias YAML",
        "Anchor/alias YAML ('&' atau '*') tidak diizinkan di berkas ini.",
        "Tulis nilainya secara lengkap. Alias bisa dipakai untuk membuat berkas yang meledak ukurannya.",
        "objectives: *tujuan_bersama",
    ),
    Rule(
        "yaml-not-mapping",
        E,
        "struktur",
        "Isi YAML bukan pasangan kunci-nilai",
        "{what} harus berupa pasangan 'kunci: nilai', tetapi yang ditemukan {found}.",
        "Mulai berkas dengan baris seperti 'id: nama-modul' lalu kunci lainnya.",
        "- id: contoh   (daftar, bukan pemetaan)",
    ),
    Rule(
        "manifest-unknown-key",
        E,
        "struktur",
        "Kunci manifest tidak dikenal",
        "Kunci '{key}' tidak dikenal di module.yml.{suggestion}",
        "Kunci yang berlaku: {allowed}.",
        "objective: [...]   →   objectives: [...]",
    ),
    Rule(
        "manifest-missing-key",
        E,
        "struktur",
        "Kunci wajib tidak ada",
        "Kunci wajib '{key}' tidak ada di module.yml.",
        "Tambahkan '{key}: ...'. {about}",
        "module.yml tanpa baris 'owner:'",
    ),
    Rule(
        "manifest-type",
        E,
        "struktur",
        "Tipe nilai salah",
        "Nilai '{key}' harus {expected}, tetapi yang ditulis {found}.",
        "{about}",
        "jp: dua   →   jp: 2",
    ),
    Rule(
        "manifest-value",
        E,
        "struktur",
        "Nilai di luar pilihan",
        "Nilai '{value}' untuk '{key}' tidak berlaku.{suggestion}",
        "Pilihan yang berlaku: {allowed}.",
        "level: pemula   →   level: dasar",
    ),
    Rule(
        "manifest-id-mismatch",
        E,
        "struktur",
        "id tidak sama dengan nama folder",
        "id '{id}' tidak sama dengan nama folder '{folder}'.",
        "Samakan keduanya: ubah id menjadi '{folder}' atau ganti nama folder.",
        "modules/literasi-digital/module.yml berisi id: literasi",
    ),
    Rule(
        "module-id-format",
        E,
        "struktur",
        "Nama folder modul bukan kebab-case",
        "Nama folder modul '{folder}' harus huruf kecil, angka, dan tanda hubung (kebab-case).",
        "Contoh nama yang benar: '{suggestion}'.",
        "modules/Literasi_Digital/   →   modules/literasi-digital/",
    ),
    Rule(
        "module-duplicate-id",
        E,
        "struktur",
        "id modul ganda",
        "id '{id}' dipakai oleh lebih dari satu modul: {others}.",
        "Setiap modul harus memiliki id unik yang sama dengan nama foldernya.",
    ),
    Rule(
        "objectives-count",
        E,
        "struktur",
        "Jumlah tujuan pembelajaran",
        "Modul memiliki {count} tujuan pembelajaran; yang diharapkan 3 sampai 6.",
        "Tulis 3 sampai 6 tujuan yang terukur, masing-masing diawali kata kerja (menjelaskan, membedakan, "
        "menerapkan ...).",
    ),
    Rule(
        "reviewed-invalid",
        E,
        "struktur",
        "Tanggal telaah tidak sah",
        "Nilai 'reviewed' harus tanggal berformat TTTT-BB-HH, tetapi yang ditulis '{value}'.",
        "Contoh: reviewed: 2026-11-28",
        "reviewed: 28-11-2026   →   reviewed: 2026-11-28",
    ),
    Rule(
        "reviewed-future",
        E,
        "struktur",
        "Tanggal telaah di masa depan",
        "Tanggal 'reviewed' {value} berada di masa depan (hari ini {today}).",
        "Isi dengan tanggal terakhir isi modul benar-benar ditelaah.",
    ),
    Rule(
        "prerequisite-unknown",
        E,
        "struktur",
        "Prasyarat tidak ada",
        "Prasyarat '{id}' bukan id modul yang ada.{suggestion}",
        "Tulis id modul (nama folder di modules/), misalnya '{example}'.",
    ),
    Rule(
        "prerequisite-cycle",
        E,
        "struktur",
        "Prasyarat melingkar",
        "Prasyarat membentuk lingkaran: {cycle}.",
        "Hapus salah satu prasyarat dalam lingkaran ini agar urutan belajar bisa ditentukan.",
    ),
    Rule(
        "lesson-filename",
        E,
        "struktur",
        "Nama berkas pelajaran salah",
        "Nama berkas '{name}' tidak mengikuti pola NN-judul.md.",
        "Beri nama seperti '{suggestion}': dua angka urutan, tanda hubung, lalu judul singkat huruf kecil.",
        "Pelajaran 1.md   →   01-pelajaran-pertama.md",
    ),
    Rule(
        "lesson-number-gap",
        E,
        "struktur",
        "Nomor pelajaran melompat",
        "Nomor pelajaran melompat: setelah {before} langsung {after}.",
        "Ganti nama berkas agar nomornya berurutan tanpa celah (01, 02, 03, ...).",
    ),
    Rule(
        "lesson-number-duplicate",
        E,
        "struktur",
        "Nomor pelajaran ganda",
        "Nomor pelajaran {number} dipakai oleh lebih dari satu berkas: {names}.",
        "Beri setiap pelajaran nomor urut sendiri.",
    ),
    Rule(
        "module-no-lessons",
        E,
        "struktur",
        "Modul tanpa pelajaran",
        "Modul '{module}' belum memiliki pelajaran (berkas NN-judul.md).",
        "Tambahkan setidaknya 01-pengantar.md.",
    ),
    Rule(
        "module-quiz-missing",
        E,
        "struktur",
        "Kuis modul tidak ada",
        "Modul '{module}' tidak memiliki kuis akhir kuis.md.",
        "Buat {path} berisi setidaknya satu blok <quiz>.",
    ),
    Rule(
        "frontmatter-missing",
        E,
        "struktur",
        "Front matter tidak ada",
        "Halaman ini tidak diawali front matter (blok '---' berisi title dan minutes).",
        "Tambahkan di baris pertama:\n---\ntitle: Judul Pelajaran\nminutes: 15\n---",
    ),
    Rule(
        "frontmatter-unclosed",
        E,
        "struktur",
        "Front matter tidak ditutup",
        "Front matter dibuka dengan '---' tetapi tidak ditutup.",
        "Tambahkan baris '---' setelah kunci terakhir front matter.",
    ),
    Rule(
        "frontmatter-title",
        E,
        "struktur",
        "Judul halaman tidak ada",
        "Front matter tidak memiliki 'title' berupa teks.",
        "Tambahkan 'title: Judul Halaman' di front matter.",
    ),
    Rule(
        "frontmatter-minutes",
        E,
        "struktur",
        "Durasi pelajaran tidak sah",
        "'minutes' harus bilangan bulat positif (menit baca), tetapi yang ditulis {found}.",
        "Contoh: minutes: 20",
    ),
    Rule(
        "frontmatter-key",
        E,
        "struktur",
        "Kunci front matter tidak diizinkan",
        "Kunci front matter '{key}' tidak dikenal atau tidak diizinkan.{suggestion}",
        "Kunci yang boleh: {allowed}. Kunci seperti template, icon, status, dan subtitle mengubah tema situs dan "
        "tidak dipakai di buku ini.",
        "template: ../../lain.html   →   (hapus baris ini)",
    ),
    Rule(
        "frontmatter-value",
        E,
        "struktur",
        "Nilai front matter tidak sah",
        "Nilai '{key}' di front matter tidak sah: {problem}.",
        "'{key}' berisi {about}.",
        "hide: 3   →   hide: [toc]",
    ),
    Rule(
        "frontmatter-implicit",
        E,
        "struktur",
        "Baris pertama dibaca sebagai pengaturan",
        "Baris pertama '{line}' berbentuk 'kata: nilai', sehingga situs membacanya sebagai pengaturan halaman, "
        "bukan sebagai teks.",
        "Awali berkas dengan front matter di antara dua baris '---' (lihat Panduan Kontribusi), atau sisipkan "
        "baris kosong sebelum teks itu.",
    ),
    Rule(
        "lesson-empty",
        E,
        "struktur",
        "Pelajaran kosong",
        "Halaman ini tidak berisi teks selain front matter.",
        "Tulis isi pelajaran, atau hapus berkasnya dan rapikan nomor urut pelajaran lain.",
    ),
    Rule(
        "heading-h1",
        W,
        "struktur",
        "Judul tingkat 1 di dalam halaman",
        "Halaman memakai judul '# ' padahal judul halaman diambil dari front matter.",
        "Hapus baris '# ...' atau ubah menjadi '## ...'.",
    ),
    Rule(
        "heading-skip",
        W,
        "struktur",
        "Tingkat judul melompat",
        "Judul melompat dari tingkat {before} ke tingkat {after}.",
        "Pakai tingkat berikutnya ({expected} tanda #) agar pembaca layar bisa mengikuti struktur halaman.",
    ),
    Rule(
        "module-unexpected-file",
        W,
        "struktur",
        "Berkas tak dikenal di folder modul",
        "Berkas '{name}' tidak dipakai oleh situs.",
        "Folder modul hanya berisi module.yml, NN-judul.md, kuis.md, fasilitator.md dan gambar "
        "(.png, .jpg, .jpeg, .webp, .svg, .gif).",
    ),
    # --- Kuis -----------------------------------------------------------------------------------
    Rule(
        "quiz-hidden",
        E,
        "kuis",
        "Blok kuis tersembunyi",
        "Blok <quiz> ini berada di dalam komentar HTML, kode, atau blok HTML, sehingga kuisnya tidak tampil "
        "tetapi tetap diproses (dan dapat menyembunyikan bagian halaman sesudahnya).",
        "Hapus blok kuis yang tidak dipakai (jangan dijadikan komentar), atau pindahkan ke luar blok HTML. Untuk "
        "menulis contoh kuis, pakai blok kode berpagar ```.",
    ),
    Rule(
        "quiz-answer-format",
        E,
        "kuis",
        "Pilihan jawaban salah tulis",
        "Baris '{text}' tampak seperti pilihan jawaban tetapi tidak dibaca sebagai pilihan.",
        "Tulis pilihan persis '- [x] teks' (benar) atau '- [ ] teks' (salah): tanda hubung di awal baris, satu "
        "spasi, kurung siku berisi x atau spasi, lalu satu spasi.",
        "-[x]Jawaban   →   - [x] Jawaban",
    ),
    Rule(
        "quiz-key-bias",
        W,
        "kuis",
        "Kunci jawaban mudah ditebak",
        "Kunci jawaban modul ini mudah ditebak tanpa membaca: {problem}.",
        "Tulis pengecoh sepanjang dan sespesifik jawaban benar, dan sebar jawaban benar ke semua posisi. "
        "Lihat statistiknya dengan scripts/quiz_stats.py.",
    ),
    Rule(
        "quiz-unclosed",
        E,
        "kuis",
        "Blok kuis tidak ditutup",
        "Blok <quiz> dibuka di sini tetapi tidak ditutup dengan </quiz>.",
        "Tambahkan baris </quiz> setelah penjelasan soal ini.",
    ),
    Rule(
        "quiz-stray-close",
        E,
        "kuis",
        "Penutup kuis tanpa pembuka",
        "Ditemukan </quiz> tanpa <quiz> sebelumnya.",
        "Hapus baris ini atau tambahkan <quiz> di awal soal.",
    ),
    Rule(
        "quiz-answers",
        E,
        "kuis",
        "Soal dengan kurang dari dua jawaban",
        "Soal kuis hanya memiliki {count} pilihan jawaban; minimal 2.",
        "Tulis setiap pilihan sebagai baris '- [ ] jawaban' dan tandai yang benar dengan '- [x] jawaban'.",
    ),
    Rule(
        "quiz-no-correct",
        E,
        "kuis",
        "Soal tanpa jawaban benar",
        "Soal kuis tidak memiliki jawaban benar.",
        "Tandai jawaban yang benar dengan '- [x] ...'.",
    ),
    Rule(
        "quiz-checkbox",
        E,
        "kuis",
        "Tanda pilihan jawaban tidak dikenal",
        "Pilihan jawaban memakai tanda '[{mark}]'; yang berlaku hanya '[ ]' (salah) dan '[x]' (benar).",
        "Ganti menjadi '- [x] ...' atau '- [ ] ...'.",
    ),
    Rule(
        "quiz-orphan-feedback",
        E,
        "kuis",
        "Umpan balik terpisah dari jawabannya",
        "Baris umpan balik '> ...' terpisah dari jawabannya oleh baris kosong.",
        "Hapus baris kosong di antara jawaban dan baris '> ...' di bawahnya.",
    ),
    Rule(
        "quiz-explanation",
        W,
        "kuis",
        "Soal tanpa penjelasan",
        "Soal kuis tidak memiliki penjelasan setelah pilihan jawaban.",
        "Tambahkan baris kosong lalu satu sampai tiga kalimat yang menjelaskan mengapa jawaban itu benar.",
    ),
    Rule(
        "quiz-disabled",
        E,
        "kuis",
        "Kuis di halaman yang kuisnya dimatikan",
        "Halaman ini berisi blok <quiz>, tetapi kuis dimatikan di halaman ini; kunci jawaban akan tampil "
        "mentah kepada pembaca.",
        "Hapus 'quiz: {{enabled: false}}' dari front matter, atau (di docs/) tambahkan 'quiz: {{enabled: true}}'.",
    ),
    Rule(
        "quiz-objective",
        W,
        "kuis",
        "Soal kuis modul tanpa tujuan",
        "Soal kuis modul tidak dikaitkan dengan tujuan pembelajaran.",
        "Tulis '<!-- objective: N -->' tepat di atas <quiz>, dengan N nomor tujuan di module.yml (1-{count}).",
    ),
    Rule(
        "quiz-objective-range",
        E,
        "kuis",
        "Nomor tujuan tidak ada",
        "Soal merujuk tujuan nomor {number}, padahal modul hanya memiliki {count} tujuan.",
        "Pakai nomor 1 sampai {count} sesuai urutan 'objectives' di module.yml.",
    ),
    # --- Tautan dan gambar ----------------------------------------------------------------------
    Rule(
        "link-missing-file",
        E,
        "tautan",
        "Tautan ke berkas yang tidak ada",
        "Tautan menuju '{target}', tetapi berkas itu tidak ada.{suggestion}",
        "Periksa ejaan nama berkas. Dari modul ke modul lain: '../id-modul/01-judul.md'; ke halaman docs/: "
        "'../../nama-halaman.md'.",
    ),
    Rule(
        "link-missing-anchor",
        E,
        "tautan",
        "Tautan ke judul yang tidak ada",
        "Tautan menuju '#{anchor}' di '{target}', tetapi judul itu tidak ada.{suggestion}",
        "Jangkar dibentuk dari judul: huruf kecil, spasi menjadi '-', tanda baca dibuang.",
    ),
    Rule(
        "link-to-draft",
        E,
        "tautan",
        "Tautan ke modul draf",
        "Tautan '{target}' menuju modul draf '{module}', yang tidak ada di situs terbit.",
        "Tunggu sampai modul itu berstatus review atau published, atau tautkan halaman lain untuk sementara.",
    ),
    Rule(
        "image-missing",
        E,
        "tautan",
        "Gambar tidak ada",
        "Gambar '{target}' tidak ditemukan.{suggestion}",
        "Simpan gambar di folder modul yang sama dan tulis namanya persis (huruf besar/kecil berpengaruh).",
    ),
    Rule(
        "image-alt",
        E,
        "tautan",
        "Gambar tanpa teks alternatif",
        "Gambar '{target}' tidak memiliki teks alternatif.",
        "Tulis isi gambar di antara kurung siku: ![Diagram alur disposisi surat](alur.png).",
    ),
    Rule(
        "image-remote",
        E,
        "tautan",
        "Gambar dari situs lain",
        "Gambar dimuat dari situs lain ({target}); itu membocorkan kunjungan pembaca ke situs tersebut.",
        "Unduh gambar (jika lisensinya mengizinkan), simpan di folder modul, lalu tautkan nama berkasnya.",
    ),
    Rule(
        "link-text-vague",
        W,
        "tautan",
        "Teks tautan tidak jelas",
        "Teks tautan '{text}' tidak menjelaskan tujuan tautan.",
        "Tulis ke mana tautan itu menuju, misalnya '[Panduan e-Kinerja BKN](...)'.",
    ),
    Rule(
        "link-empty",
        E,
        "tautan",
        "Tautan kosong",
        "Tautan '{text}' tidak memiliki alamat.",
        "Isi alamatnya di antara tanda kurung: [teks](alamat).",
    ),
    Rule(
        "link-http",
        E,
        "tautan",
        "Tautan http tanpa enkripsi",
        "Tautan '{target}' memakai http://.",
        "Situs ini hanya menautkan alamat https:// (http:// dapat diubah di perjalanan). Pakai https://, atau "
        "hapus tautannya bila situs itu tidak mendukungnya.",
    ),
    Rule(
        "link-scheme",
        E,
        "tautan",
        "Skema tautan tidak diizinkan",
        "Tautan '{target}' memakai skema '{scheme}:'; yang diizinkan hanya https dan mailto.",
        "Tautkan halaman web dengan https://, atau surel dengan mailto:.",
    ),
    Rule(
        "link-external-broken",
        E,
        "tautan",
        "Tautan luar tidak dapat dibuka",
        "Tautan '{target}' tidak dapat dibuka: {problem}.",
        "Periksa alamatnya di peramban; ganti dengan alamat baru atau hapus tautannya.",
    ),
    Rule(
        "reference-copy-site",
        W,
        "tautan",
        "Rujukan ke situs salinan",
        "Rujukan '{url}' menunjuk situs salinan ({host}), bukan penerbitnya.",
        "Rujuk sumber resminya (peraturan.go.id, JDIH, situs kementerian, atau media aslinya); bila tidak ada, "
        "hapus rujukan ini.",
    ),
    # --- Keamanan -------------------------------------------------------------------------------
    Rule(
        "html-removed",
        E,
        "keamanan",
        "HTML di luar daftar yang diizinkan",
        "Penyaring HTML situs harus menghapus {what} dari halaman ini.",
        "Materi ditulis dalam Markdown. Hapus bagian itu dari sumbernya: skrip, atribut on*, gaya (style) selain "
        "perataan tabel, alamat selain https:/mailto:/relatif, gambar dari situs lain, dan elemen seperti <svg>, "
        "<iframe>, <video>, <form> tidak diizinkan. Untuk video atau formulir, tautkan halamannya.",
        '<img src="a.png" onerror="...">   →   ![Keterangan gambar](a.png)',
    ),
    Rule(
        "html-unclosed",
        E,
        "keamanan",
        "Elemen HTML tidak ditutup",
        "Elemen <{tag}> dibuka di sini tetapi tidak ditutup, sehingga sisa halaman (termasuk navigasi modul dan "
        "tombol 'Tandai') ikut tertelan ke dalamnya.",
        "Tutup elemen itu dengan </{tag}> pada barisnya sendiri, diapit baris kosong.",
        "<div markdown>   …   (tanpa </div>)   →   tambahkan </div>",
    ),
    Rule(
        "render-failed",
        E,
        "keamanan",
        "Halaman tidak dapat diubah menjadi HTML",
        "Pengubah Markdown situs gagal membaca halaman ini ({problem}).",
        "Sederhanakan bagian yang bersarang (div, details, daftar) atau pecah halaman; lalu jalankan lagi pemeriksa.",
    ),
    Rule(
        "html-nesting",
        E,
        "keamanan",
        "Elemen HTML bersarang terlalu dalam",
        "Elemen HTML (misalnya <div markdown>, <details>) bersarang {depth} tingkat; batasnya {limit}.",
        "Ratakan strukturnya; pakai judul dan kotak (!!!) Markdown sebagai gantinya.",
    ),
    Rule(
        "emphasis-run",
        E,
        "keamanan",
        "Terlalu banyak tanda * atau _",
        "Paragraf ini berisi {count} tanda '*' atau '_'; batasnya {limit}. Itu membuat pembangunan situs "
        "sangat lambat.",
        "Hapus tanda yang tidak diperlukan, tulis \\* untuk bintang biasa, atau pecah paragraf dengan baris kosong.",
    ),
    Rule(
        "text-markup",
        E,
        "keamanan",
        "Markah di kolom teks biasa",
        "Kolom '{field}' {problem}.",
        "Judul, ringkasan, tujuan, nama, istilah, dan kolom data lain adalah teks biasa: tulis tanpa HTML. "
        "Tanda < dan > boleh dipakai bila tidak langsung diikuti huruf.",
        'title: "<b>Literasi</b> Digital"   →   title: "Literasi Digital"',
    ),
    Rule(
        "url-invalid",
        E,
        "tautan",
        "Alamat web tidak sah",
        "Alamat '{url}' di kolom '{field}' tidak sah: {problem}.",
        "Tulis alamat lengkap yang diawali https://, tanpa spasi, misalnya https://peraturan.go.id/.",
    ),
    Rule(
        "asset-unsafe",
        E,
        "keamanan",
        "Berkas gambar tidak aman",
        "Gambar ini {problem}.",
        "Simpan ulang gambar sebagai PNG, JPEG, atau WebP, atau hapus skrip, atribut on*, <foreignObject>, dan "
        "rujukan ke berkas lain dari SVG (misalnya dengan 'Simpan sebagai SVG biasa' di Inkscape).",
    ),
    Rule(
        "symlink-outside",
        E,
        "keamanan",
        "Tautan simbolik ke luar repositori",
        "'{name}' adalah tautan simbolik ke luar folder {folder}; situs akan menerbitkan berkas tujuannya.",
        "Hapus tautan simbolik itu dan salin berkas yang dimaksud ke dalam folder ini.",
    ),
    Rule(
        "file-too-large",
        E,
        "keamanan",
        "Berkas terlalu besar",
        "Berkas berukuran {size} KB; batasnya {limit} KB.",
        "Pecah materi menjadi beberapa pelajaran, atau kecilkan gambarnya.",
    ),
    Rule(
        "nesting-too-deep",
        E,
        "keamanan",
        "Sarang terlalu dalam",
        "Daftar atau kutipan bersarang {depth} tingkat; batasnya {limit}.",
        "Ratakan struktur daftar; lebih dari tiga tingkat juga sulit dibaca di ponsel.",
    ),
    Rule(
        "bracket-run",
        E,
        "keamanan",
        "Terlalu banyak kurung siku",
        "Paragraf ini berisi {count} tanda '[' yang tidak berpasangan atau tersebar; itu membuat pembangunan "
        "situs sangat lambat.",
        "Hapus tanda '[' yang tidak diperlukan, atau pecah paragraf ini dengan baris kosong.",
    ),
    Rule(
        "block-too-long",
        E,
        "keamanan",
        "Terlalu banyak judul atau garis tanpa baris kosong",
        "Bagian ini berisi {count} judul, garis, atau penanda blok berturut-turut tanpa baris kosong di antaranya; "
        "batasnya {limit}. Itu membuat pembangunan situs sangat lambat.",
        "Beri baris kosong sebelum dan sesudah setiap judul, garis (---), dan kotak (!!!, ???).",
    ),
    Rule(
        "line-too-long",
        E,
        "keamanan",
        "Baris terlalu panjang",
        "Baris berisi {length} karakter; batasnya {limit}.",
        "Pecah baris ini menjadi beberapa kalimat atau paragraf.",
    ),
    Rule(
        "encoding",
        E,
        "keamanan",
        "Berkas bukan teks UTF-8",
        "Berkas ini bukan teks UTF-8 ({problem}).",
        "Simpan ulang berkas sebagai teks UTF-8 (di editor: Save with Encoding → UTF-8).",
    ),
    # --- Kesegaran ------------------------------------------------------------------------------
    Rule(
        "review-overdue",
        W,
        "kesegaran",
        "Telaah isi terlambat",
        "Modul terbit ini terakhir ditelaah {value}, lebih dari 12 bulan lalu.",
        "Minta {owner} menelaah isinya, lalu perbarui 'reviewed'.",
        blocks_build=False,
    ),
    Rule(
        "leftover-marker",
        W,
        "kesegaran",
        "Penanda kerja tertinggal",
        "Penanda '{marker}' masih ada di modul yang sudah terbit.",
        "Selesaikan hal yang ditandai, atau pindahkan pertanyaan untuk ahli ke 'expert_checks' di module.yml.",
    ),
    # --- Data -----------------------------------------------------------------------------------
    Rule(
        "data-invalid",
        E,
        "data",
        "Isi berkas data tidak sah",
        "{problem}",
        "{about} Format lengkap: Panduan Kontribusi, bagian Glosarium dan Jalur belajar.",
        "modules/glosarium.yml:14:1: Istilah 'ANRI' ditulis dua kali (juga di baris 4).",
    ),
    Rule(
        "path-unknown-module",
        E,
        "data",
        "Jalur belajar memuat modul yang tidak ada",
        "Jalur '{path_id}' memuat modul '{id}' yang tidak ada.{suggestion}",
        "Pakai id modul (nama folder di modules/).",
    ),
    Rule(
        "path-order",
        E,
        "data",
        "Urutan jalur melanggar prasyarat",
        "Di jalur '{path_id}', modul '{id}' muncul sebelum prasyaratnya '{prerequisite}'.",
        "Pindahkan '{prerequisite}' ke atas '{id}', atau tambahkan ke jalur bila belum ada.",
    ),
    # --- Agenda ---------------------------------------------------------------------------------
    Rule(
        "agenda-key-unknown",
        E,
        "agenda",
        "Kunci sesi agenda tidak dikenal",
        "Kunci '{key}' tidak dikenal di sesi agenda.{suggestion}",
        "Kunci yang berlaku: {allowed}.",
        "tempat: Aula Kantor   →   place: Aula Kantor",
    ),
    Rule(
        "agenda-key-missing",
        E,
        "agenda",
        "Kunci wajib sesi agenda tidak ada",
        "Sesi agenda {event} tidak memiliki kunci wajib '{key}'.",
        "Tambahkan '{key}: ...'. {about}",
        "sesi tanpa baris 'host:'",
    ),
    Rule(
        "agenda-value",
        E,
        "agenda",
        "Nilai sesi agenda tidak sah",
        "Nilai '{key}' sesi agenda {event} tidak sah: {problem}.",
        "{about}",
        "capacity: empat puluh   →   capacity: 40",
    ),
    Rule(
        "agenda-id-duplicate",
        E,
        "agenda",
        "id sesi agenda ganda",
        "id sesi '{id}' sudah dipakai sesi lain di baris {first}.",
        "Beri setiap sesi id unik (id menjadi alamat sesi dan nama berkas kalendernya), misalnya dengan "
        "menambahkan tahun dan bulan: '{id}-2027-02'.",
    ),
    Rule(
        "agenda-time",
        E,
        "agenda",
        "Waktu sesi agenda tidak sah",
        "Waktu '{key}' sesi agenda {event} tidak sah: {problem}.",
        "Tulis tanggal, jam, dan zona waktu, misalnya '{key}: 2027-02-10T09:00+07:00' (+07:00 adalah WIB). "
        "'end' harus sesudah 'start'.",
        "start: 10-02-2027 jam 9   →   start: 2027-02-10T09:00+07:00",
    ),
    Rule(
        "agenda-place-missing",
        E,
        "agenda",
        "Sesi agenda tanpa tempat",
        "Sesi agenda {event} tidak menyebut tempat ('place') maupun alamat daring ('online').",
        "Tambahkan 'place: nama gedung dan alamatnya' untuk sesi tatap muka, atau 'online: https://...' untuk "
        "sesi daring (boleh keduanya).",
    ),
    Rule(
        "agenda-unknown-module",
        E,
        "agenda",
        "Sesi agenda membahas modul yang tidak ada",
        "Sesi '{event}' membahas modul '{id}' yang tidak ada.{suggestion}",
        "Pakai id modul (nama folder di modules/), misalnya '{example}'.",
    ),
    Rule(
        "agenda-draft-module",
        W,
        "agenda",
        "Sesi agenda membahas modul draf",
        "Sesi '{event}' membahas modul draf '{id}', yang tidak ada di situs terbit.",
        "Situs menyebut id modul itu tanpa tautan. Naikkan status modul menjadi review atau published sebelum "
        "sesi, atau hapus id itu dari 'modules' sesi ini.",
    ),
    Rule(
        "agenda-past-planned",
        W,
        "agenda",
        "Sesi yang sudah lewat masih berstatus planned",
        "Sesi '{event}' sudah lewat ({date}) tetapi statusnya masih planned.",
        "Ubah menjadi 'status: done' bila sesi berlangsung, atau 'status: cancelled' bila sesi batal.",
        blocks_build=False,
    ),
    Rule(
        "agenda-done-future",
        E,
        "agenda",
        "Sesi yang belum berlangsung berstatus done",
        "Sesi '{event}' berstatus done padahal baru akan berlangsung {date} (hari ini {today}).",
        "Periksa tanggal 'start'. Bila sesi memang belum berlangsung, ubah menjadi 'status: planned'.",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
assert len(RULES) == len(_RULES), "duplicate rule id"
