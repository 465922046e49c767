/** A string that the compiler keeps apart from other ids (`ProgramId` is not a `ProjectId`). */
export type Branded<T, TBrand extends string> = T & { readonly __brand: TBrand };
