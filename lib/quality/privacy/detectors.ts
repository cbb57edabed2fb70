// Content checks for likely personal data: each says whether one value looks like its kind, with the
// checksum where the format has one (Luhn for card numbers, mod-97 for IBANs).

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function ibanValid(value: string): boolean {
  const iban = value.replace(/[\s-]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const n = c >= "A" ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48;
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97;
  }
  return rest === 1;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d\s().-]{7,22}$/;
const DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})(T.*)?$/;
const SSN = /^\d{3}-\d{2}-\d{4}$/;

export const CONTENT_CHECKS = {
  email: (v: string) => EMAIL.test(v),
  phone: (v: string) => PHONE.test(v) && !DATE.test(v) && v.replace(/\D/g, "").length >= 7 && /[\s()+.-]/.test(v),
  iban: ibanValid,
  card: (v: string) => {
    const digits = v.replace(/[\s-]/g, "");
    return /^\d{13,19}$/.test(digits) && luhnValid(digits);
  },
  date: (v: string) => DATE.test(v),
  nationalId: (v: string) => SSN.test(v),
} as const;
