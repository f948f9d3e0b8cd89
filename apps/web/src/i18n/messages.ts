/** The English catalogue must have exactly the Chinese one's keys; values are free text. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
