/** Injects the `OrgDirectory` given to `TenancyModule.forRoot`. */
export const ORG_DIRECTORY = Symbol.for('kinship.tenancy.org-directory');
/** Injects the `TokenVerifier` given to `TenancyModule.forRoot`. */
export const TOKEN_VERIFIER = Symbol.for('kinship.tenancy.token-verifier');
