/** A name as public lists show it: the surname, then one star per further character (张**). */
export const maskName = (name: string) => (name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`);
