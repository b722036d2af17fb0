/**
 * Everyday chat words per language: greetings, thanks, yes and no, apologies, short reactions and the
 * commonest question words and verbs of customer chat. The UDHR is formal and the KB is about the shop,
 * so without these a three-letter "moi" or "tere" has almost no evidence. Added to the n-gram model's
 * training text (lang/detector.ts); general vocabulary, not taken from any evaluation set.
 */
export const chatCorpus: Readonly<Record<string, string>> = {
  en: `hi hello hey hiya good morning good afternoon good evening thanks thank you thanks a lot cheers
    yes yeah yep sure no nope okay ok great cool nice perfect awesome sorry excuse me please help
    bye goodbye see you take care no worries got it understood i see right alright of course
    what where when why how who which can could would should will is are do does did have has
    my your the a an it this that there here please wait hold on one moment never mind
    what's up how are you i'm fine not sure maybe i don't know really wow oh well fine thanks again`,
  fi: `hei moi moikka moro terve heippa huomenta hyvää huomenta päivää iltaa hyvää iltaa kiitos kiitti
    kiitos paljon kiitoksia kyllä joo juu jep ei eikä okei ok selvä hyvä hienoa loistavaa mahtavaa
    anteeksi sori pahoittelut ole hyvä olkaa hyvä apua auttakaa näkemiin nähdään heihei moikka moi moi
    selvä homma ymmärrän aivan niin totta kai tietenkin ei se mitään ei haittaa hetki hetkinen odota
    mitä missä milloin miksi miten kuka kumpi voiko voinko voitteko onko ovatko minä sinä mun sun
    minun sinun tämä tuo se täällä siellä en tiedä ehkä ihan hyvin mitä kuuluu kiva kuulla`,
  et: `tere tervist tšau tsau hei hommikust tere hommikust head päeva tere õhtust head õhtut aitäh
    tänan tänud suur aitäh tänud väga jah jaa jah küll ei ei aitäh ok okei olgu hästi väga hästi tore
    väga tore super suurepärane vabandust vabandage palun aidake head aega nägemist kohtumiseni
    sain aru selge arusaadav muidugi loomulikult pole viga pole hullu hetk oota üks hetk no nii
    mis kus millal miks kuidas kes kumb kas saab kas ma saan kas te saate on kas on mina sina minu
    sinu see too siin seal ma ei tea võib-olla täitsa hästi kuidas läheb meeldiv kuulda`,
  tr: `merhaba selam selamlar günaydın iyi günler iyi akşamlar teşekkürler teşekkür ederim sağ ol
    sağol çok teşekkürler evet tamam olur hayır yok peki tabii elbette harika süper güzel mükemmel
    özür dilerim pardon kusura bakmayın lütfen yardım görüşürüz hoşça kal iyi günler anladım
    anlaşıldı doğru tabii ki sorun değil önemli değil bir dakika bekleyin bekle bir saniye
    ne nerede nerde ne zaman neden niye nasıl kim hangi mı mi mu mü var mı yok mu ben sen benim senin
    bu şu o burada orada bilmiyorum belki iyiyim nasılsın sevindim tesekkurler tesekkur ederim
    gunaydin iyi gunler tamamdir saol ok okey oki super`,
  ar: `مرحبا أهلا اهلا السلام عليكم صباح الخير مساء الخير شكرا شكراً جزيلا نعم أيوه لا حسنا تمام
    ممتاز رائع آسف عذرا من فضلك لو سمحت ساعدني مع السلامة إلى اللقاء فهمت طيب أكيد طبعا لا بأس
    لحظة انتظر ماذا أين وين متى لماذا ليش كيف كيفك من أي هل عندي عندك هذا ذلك هنا هناك لا أعرف ربما`,
  th: `สวัสดี สวัสดีครับ สวัสดีค่ะ หวัดดี ขอบคุณ ขอบคุณครับ ขอบคุณค่ะ ขอบใจ ใช่ ครับ ค่ะ ไม่ ไม่ใช่
    โอเค ได้ ดี เยี่ยม ขอโทษ ขอโทษครับ ช่วยด้วย ลาก่อน แล้วเจอกัน เข้าใจแล้ว แน่นอน ไม่เป็นไร รอสักครู่
    อะไร ที่ไหน เมื่อไหร่ ทำไม อย่างไร ยังไง ใคร ไหน ไหม มั้ย ได้ไหม ผม ฉัน คุณ นี่ นั่น ที่นี่ ไม่รู้ อาจจะ`,
};

const lexicons = new Map<string, Set<string>>(
  Object.entries(chatCorpus).map(([lang, text]) => [lang, new Set(chatWords(text))]),
);

/** Lower-cased words of a text, letters only (apostrophes and hyphens kept inside words). */
export function chatWords(text: string): string[] {
  return text.toLocaleLowerCase().match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
}

/** How many of the text's words each language's chat lexicon has (none when it has more than `maxWords`). */
export function lexiconHits(
  text: string,
  langs: readonly string[],
  maxWords = Infinity,
): Map<string, number> {
  const all = chatWords(text);
  const words = all.length > maxWords ? [] : all;
  return new Map(langs.map((l) => [l, words.filter((w) => lexicons.get(l)?.has(w)).length]));
}
