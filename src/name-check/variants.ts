/**
 * Rule C4's variant table: each group is ONE name in its francophone, anglophone, Hausa, Fula, Wolof or Akan
 * spellings, written after folding (lower case, a–z). Deliberately short: only forms we are confident are one name,
 * never a male and a female name together. To extend it, add a group with a comment saying why it is one name.
 *
 * Left out on purpose (related, but used as different names): Mamadou / Mohamed, Fatou / Fatoumata, Amina / Aminata,
 * Fatima / Fatoumata, Seun / Oluwaseun.
 */
export const VARIANT_GROUPS: readonly (readonly string[])[] = [
  // Muhammad: the Arabic name in French (Mohamed, Mouhamed), English (Mohammed) and Hausa/Fula (Muhammad) spellings.
  ['mohamed', 'mohammed', 'muhammad', 'muhammed', 'mohammad', 'mohamad', 'mouhamed', 'muhamad'],
  // Ahmad: Fula/Mande Amadou, also written Ahmadou.
  ['amadou', 'ahmadou'],
  // Abdullah ("servant of God"): Abdoulaye (Senegal, Mali, Guinea), Abdullahi (Hausa), Abdoulahi.
  ['abdoulaye', 'abdoulahi', 'abdullahi', 'abdullah'],
  // Uthman: Ousmane (French), Usman (Hausa), Ousman (Gambia), Osman.
  ['ousmane', 'ousman', 'usman', 'osman'],
  // Umar: Oumar (French), Umar (Hausa), Omar.
  ['oumar', 'umar', 'omar'],
  // Musa (Moses): Moussa (French), Musa (English/Hausa), Mousa.
  ['moussa', 'musa', 'mousa'],
  // Ibrahim (Abraham): Ibrahima (Fula/Wolof), Ibrahim, Brahima (Mande short form of the same name).
  ['ibrahima', 'ibrahim', 'brahima'],
  // Sulayman (Solomon): Souleymane, Souleimane (French), Suleiman, Sulaiman, Suleman (English/Hausa).
  ['souleymane', 'souleimane', 'suleiman', 'sulaiman', 'suleman'],
  // Sa'id: Seydou (Mali, Burkina), Seidou, Saidou, Saidu (Hausa).
  ['seydou', 'seidou', 'saidou', 'saidu'],
  // Ali: Aliou (Fula, French spelling), Aliyu (Hausa), Alioune (Wolof).
  ['aliou', 'aliyu', 'alioune'],
  // Aisha (female): Aissatou (Fula), Aishatu (Hausa), Aissata (Mali).
  ['aissatou', 'aishatu', 'aissata'],
  // Fatimah (female), Fula forms: Fatoumata, Fatimata.
  ['fatoumata', 'fatimata'],
  // Aminah (female), Fula forms: Aminata, Aminatou, Aminatu (Hausa).
  ['aminata', 'aminatou', 'aminatu'],
  // Maryam (female): Mariama (Fula/Mande), Mariam, Maryam.
  ['mariama', 'mariam', 'maryam'],
  // Hawwa (Eve, female): Awa (Wolof, Mande), Hawa.
  ['awa', 'hawa'],
  // Yusuf (Joseph): Youssouf (French), Yusuf (Hausa/English), Yussuf, Yousouf.
  ['youssouf', 'yusuf', 'yussuf', 'yousouf'],
  // Abu Bakr: Boubacar (French), Aboubacar, Abubakar (Hausa).
  ['boubacar', 'aboubacar', 'abubakar'],
  // Jibril (Gabriel): Djibril (French dj for j), Jibril, Gibril (Gambia).
  ['djibril', 'jibril', 'gibril'],
  // Akan day names: the same name in Ghanaian (Twi/Fante) and Ivorian Baoulé (French) spelling, and Ewe (Kokou, Kodjo).
  // Saturday-born male.
  ['kwame', 'kouame'],
  // Sunday-born male.
  ['kwasi', 'kouassi', 'kwesi', 'kwassi'],
  // Monday-born male.
  ['kwadwo', 'kouadio', 'kodjo', 'kojo'],
  // Friday-born male.
  ['kofi', 'koffi'],
  // Thursday-born male (female is Yaa, kept apart).
  ['yaw', 'yao'],
  // Wednesday-born male.
  ['kwaku', 'kouakou', 'kokou'],
  // Tuesday-born male.
  ['kwabena', 'kwabina', 'kobina', 'kobena'],
  // Wednesday-born female.
  ['akua', 'akoua'],
  // Monday-born female.
  ['adwoa', 'adjoa', 'adjoua', 'adjowa'],
  // Friday-born female (Akua, Wednesday, is a different name).
  ['afua', 'afoua', 'affoue'],
  // Saturday-born female.
  ['ama', 'amma'],
  // Yoruba: Oluseun is the short written form of Oluwaseun ("God has done it"); Seun alone is used as its own name.
  ['oluwaseun', 'oluseun'],
  // Yoruba: Adebayo, written Adebayor in Togo and Ghana.
  ['adebayo', 'adebayor'],
  // Family names: the Fula clan name Diallo, written Jallow in the Gambia and anglophone records.
  ['diallo', 'jallow'],
  // Family names: Camara (French spelling, Guinea/Senegal/Mali) and Kamara (anglophone: Sierra Leone, Gambia).
  ['camara', 'kamara'],
];

const GROUP_OF = new Map<string, number>();
VARIANT_GROUPS.forEach((group, index) => {
  // A name in two groups would join them; test/name-check.test.ts checks that none is.
  for (const name of group) GROUP_OF.set(name, index);
});

/** Whether two different folded words are spellings of one name in the table. */
export function areVariants(a: string, b: string): boolean {
  const group = GROUP_OF.get(a);
  return group !== undefined && a !== b && group === GROUP_OF.get(b);
}
