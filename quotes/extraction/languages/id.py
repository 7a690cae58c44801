"""Indonesian: the words and marks the extractor reads in Indonesian articles."""

from . import LanguagePack, words

PACK = LanguagePack(
    code="id",
    quote_styles=frozenset(),
    pronouns=words("dia ia beliau"),
    plural_pronouns=words("mereka kami kita"),
    pronoun_suffixes=("nya",),
    honorifics=words(
        """pak bu bapak ibu kh hj h nyai kiai kyai habib ustaz ustadz ustad ustazah gus mbak mas
        bang kak ir drs dra bung haji hajah"""
    ),
    given_name_prefixes=words(
        """muhammad mohammad mohamad mochamad mochammad moh mohd muh m ahmad achmad abdul abdur
        sri siti nur andi raden r i ni anak agung gusti"""
    ),
    name_suffixes=words("ii iii iv jr jr."),
    place_patterns=(
        r"\b(?:di|ke|dari|asal)\s+([A-Z][\w-]*)(?![\w-])",
        r"(?:Kabupaten|Kota|Provinsi|Kecamatan|Desa|Kelurahan|Kampung|Dusun)(?<![Ww]ali Kota)"
        r"\s+([A-Z][\w-]*)(?![\w-])",
    ),
    # Provinces and their usual abbreviations, parties and government bodies written before a
    # name in a role ("Kapolda Sultra Yan Sultra", "Fraksi Nasdem Saan Mustopa").
    not_name_words=words(
        """aceh sumut sumbar riau kepri jambi sumsel babel bengkulu lampung banten dki jabar
        jateng diy jatim ntb ntt kalbar kalteng kalsel kaltim kaltara sulut sulteng sulsel
        sultra sulbar gorontalo malut maluku papua pabar jabodetabek pdi-p pdip gerindra golkar
        nasdem pkb pks pan demokrat ppp hanura perindo psi pemkab pemkot pemprov polda polres
        polsek polresta polrestabes kodam korem kodim kemendagri kemenkes kemenkeu kemenhub
        kemendikbud kemensos kemenag kemenlu kemenko kementan kemenaker kemenpan kemenpora
        muhammadiyah nu covid covid-19 indonesia ri pandemi"""
    ),
    not_name_suffixes=(),
    function_words=words(
        """di ke dari pada dalam untuk dengan dan atau tetapi namun sedangkan sementara karena
        sebab jika kalau ketika saat setelah sebelum sejak hingga sampai agar supaya meski
        meskipun walau walaupun adapun yang ini itu tersebut para sang si seorang salah satu
        sebuah suatu beberapa banyak semua setiap tiap menurut berdasarkan terkait soal selain
        bahkan juga pun lalu kemudian akhirnya sebelumnya selanjutnya sedang dia ia beliau
        mereka kami kita saya aku anda kamu hal bagi oleh tak tidak bukan belum sudah telah
        akan bisa dapat harus masih baru kini kemarin tadi nanti bila apabila demikian begitu
        sebagai serta tanpa antara atas bawah seperti bagaimana apa siapa mengapa kapan dimana
        kenapa berikut sekitar hampir lebih kurang paling sangat tanya jawab dua tiga empat
        lima enam tujuh delapan sembilan sepuluh ratusan ribuan puluhan kedua ketiga sebagian
        sebanyak setidaknya"""
    ),
    stance_cues=words("menyebutnya menyebut menilai menilainya menggambarkan menyebutkan menjuluki"),
    sentence_words=words(
        """diakui dikatakan disebutkan dijelaskan ditemui dihubungi dikonfirmasi pandemi
        sementara adapun selain namun menurut terkait"""
    ),
)
