import { normalizeText } from './analyze.js';

/**
 * Function words per language (pronouns, auxiliaries and modals, conjunctions, question words and
 * particles, common adverbs), the counterpart of lunr's English stop-word list: they say nothing about
 * which article a question is about, yet without a filter they make up most of a short question's terms
 * and so of its BM25 coverage. Lists follow Snowball's and the usual open stop-word lists, with the
 * colloquial chat forms of each language (Finnish "mä", "mulle", Estonian "mul", Thai polite particles).
 * Words are written as `normalizeText` produces them (lower case; Arabic letters unified).
 */
const lists: Readonly<Record<string, string>> = {
  fi: `olla olen olet on olemme olette ovat ole oli olisi olisin olisit olisimme olisitte olisivat olit
    olin olimme olitte olivat ollut olleet onko olisiko oliko en et ei emme ette eivät eikö enkä eikä
    minä minun minut minua minussa minusta minuun minulla minulta minulle mä mää mun mut mua mulla multa
    mulle sinä sinun sinut sinua sinulla sinulta sinulle sä sun sua sulla sulta sulle hän hänen hänet
    häntä hänellä häneltä hänelle me meidän meidät meitä meillä meiltä meille meiän te teidän teidät
    teitä teillä teiltä teille he heidän heidät heitä heillä heiltä heille tämä tämän tätä tässä tästä
    tähän tällä tältä tälle tää tän tota toi tuo tuon tuota tuossa tuosta tuohon tuolla se sen sitä
    siinä siitä siihen sillä siltä sille siksi nämä näitä näissä näistä noi nuo ne niiden niitä niissä
    niistä niihin niillä niille kuka kenen kenelle ketä mikä minkä mitä missä mistä mihin millä miltä
    mille miksi mitkä joka jonka jota jossa josta johon jolla jolta jolle jotka joita joissa joista että
    ja jos koska kuin mutta niin sekä tai vaan vai vaikka kanssa kun nyt itse myös vielä jo vain aina
    kuinka miten milloin paljonko jotain jotakin joku jokin mitään mikään kaikki ihan sitten siis vähän
    voi voin voit voiko voinko voitteko voisi voisin voisinko voisitteko saa saan saako saanko saisinko
    pitää pitäisi pitääkö täytyy täytyykö pystyy kiitos hei moi`,
  et: `ja ning ka et kui aga või ega ei pole ole on oli olen oled oleme olete olid olin oleks oleksin
    olnud ma mina mu minu mind mulle minule mul minul mult minult sa sina su sinu sind sulle sinule sul
    sinul ta tema teda talle tal temal me meie meid meile meil te teie teid teile teil nad nemad neid
    neile neil nende see seda selle sellel sellele sellest selles sellega seal siin sinna sealt need neid
    mis mida mille millal milles millest mille kus kuhu kust kes keda kelle kellel kuidas miks kas palju
    kui siis nüüd veel juba ainult ikka ju nii oma enda ise üks ühe midagi mingi mingit kõik väga kohe
    saab saan saad saame saate saaks saaksin saaksite võib võin võid võime võite võiks võiksin võiksite
    pean pead peab peame peate peaks peaksin tuleb tahan tahaks tahaksin palun tere aitäh tänan`,
  th: `ที่ และ ใน ของ การ ได้ ให้ มี เป็น จะ ไม่ ก็ ไป มา กับ ว่า แล้ว นี้ นั้น อยู่ คือ หรือ แต่ ยัง อีก
    ด้วย จาก โดย ถ้า เมื่อ ซึ่ง อย่าง ครับ ค่ะ คะ ค่า นะ จ้ะ จ้า หน่อย ไหม มั้ย เปล่า หรือเปล่า บ้าง ผม ฉัน
    ดิฉัน เรา คุณ เขา ท่าน หนู กัน นี่ โน่น อะไร ยังไง อย่างไร ทำไม เท่าไร เท่าไหร่ ไหน ตอนไหน เมื่อไร
    เมื่อไหร่ ต้อง ควร อยาก ช่วย ขอ กรุณา สามารถ`,
  tr: `acaba ama ancak bana bazı ben beni benim bir biz bize bizim bu bunu bunun da daha de değil diye en
    gibi hem hep her hiç için ile ise kadar ki kim mi mı mu mü ne neden nasıl nerede niye o ona onu onun
    sen sana siz size sizi sizin şu şey ve veya ya yani çok nedir var yok mıyım miyim lütfen merhaba`,
  ar: `في من علي الي عن مع هل ما ماذا كيف متي اين لماذا هذا هذه ذلك تلك التي الذي الذين و او ثم لا لم
    لن ان انا انت انتم نحن هو هي هم لي لك لنا عند قد كل بعض اي يا كان يكون ليس هناك هنا اذا لو بعد قبل
    حتي منذ ايضا فقط جدا من فضلك شكرا مرحبا`,
};

const sets = new Map<string, ReadonlySet<string>>();

/** Whether a normalised word is a function word of `lang` (English is left to lunr's own filter). */
export function isStopWord(word: string, lang: string): boolean {
  let set = sets.get(lang);
  if (!set) {
    set = new Set((lists[lang] ?? '').split(/\s+/).flatMap((w) => (w ? [normalizeText(w, lang)] : [])));
    sets.set(lang, set);
  }
  return set.has(word);
}
