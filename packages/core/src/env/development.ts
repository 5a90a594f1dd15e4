/**
 * Whether pi-kit runs in development: `process.env.NODE_ENV !== 'production'`,
 * read safely. Bundlers replace `process.env.NODE_ENV` with a literal; where they
 * did not and `process` does not exist (a plain browser), this answers `false`, so
 * production users never see development-only throws.
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}
