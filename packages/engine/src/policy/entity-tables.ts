/**
 * DBAL entity names → table names. An entity (`PageConfig`) is looked up in its schema under
 * these names, first existing wins:
 *   1. the name as written                 PageConfig
 *   2. snake_case                          page_config
 *   3. lower case                          pageconfig
 *   4. plural of snake_case                page_configs
 *   5. plural of lower case                pageconfigs
 * Plurals follow English's regular rules only: +es after s, x, z, ch, sh; consonant + y → ies;
 * else +s (`Person` is not `people`: give such tables with an explicit `table:` key).
 */

/** The names to try for `entity`, in order, without repeats. */
export function tableCandidates(entity: string): string[] {
  const snake = snakeCase(entity)
  const lower = entity.toLowerCase()
  const candidates = [entity, snake, lower, plural(snake), plural(lower)]
  return candidates.filter((name, i) => candidates.indexOf(name) === i)
}

/** `PageConfig` → `page_config`, `HTTPRequest` → `http_request`, `userID` → `user_id`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()
}

export function plural(name: string): string {
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`
  return `${name}s`
}
