import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

/** A response as the suite saw it on the wire. */
export interface SeenResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks responses against the served OpenAPI document, read as data by a JSON Schema validator (ajv, 2020-12
 * dialect, which OpenAPI 3.1 schemas are): the operation for the method and path, the status it declares, the media
 * type, the schema. Routes the document does not have (a 404 or 405) must still be a Problem.
 */
export function contractOf(document: Json) {
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  ajv.addSchema(document, 'openapi.json');
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const resolve = (value: Json): Json => {
    if (typeof value?.$ref !== 'string') return value;
    const path = value.$ref.slice(2).split('/').map((part: string) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    return resolve(path.reduce((node: Json, key: string) => node[key], document));
  };

  return {
    /** Undefined when the response fits the document; otherwise what is wrong. */
    violation(seen: SeenResponse): string | undefined {
      const path = seen.path.split('?')[0];
      const found = templates.find(({ pattern }) => pattern.test(path));
      const operation = found && document.paths[found.template][seen.method.toLowerCase()];
      const mediaType = seen.contentType.split(';')[0].trim();
      if (!operation) {
        if (mediaType !== 'application/problem+json') return `${seen.method} ${path} is not in the document and its answer is not a problem`;
        const validate = ajv.getSchema(`openapi.json#/${pointer('components', 'schemas', 'Problem')}`)!;
        return validate(seen.body) ? undefined : ajv.errorsText(validate.errors);
      }
      const responseKey = String(seen.status) in operation.responses ? String(seen.status) : 'default';
      const response = operation.responses[responseKey];
      if (!response) return `${seen.method} ${found.template}: status ${seen.status} is not declared`;
      const content = resolve(response).content?.[mediaType];
      if (!content) return `${seen.method} ${found.template} ${seen.status}: media type ${mediaType} is not declared`;
      // Point at the schema inside the document, so that its $refs resolve against the document.
      const at = response.$ref
        ? `${response.$ref.slice(1)}/${pointer('content', mediaType, 'schema')}`
        : `/${pointer('paths', found.template, seen.method.toLowerCase(), 'responses', responseKey, 'content', mediaType, 'schema')}`;
      if (typeof seen.body === 'string') return undefined; // text/plain (metrics): the document says string
      const validate = ajv.getSchema(`openapi.json#${at}`);
      if (!validate) return `no schema at ${at}`;
      return validate(seen.body) ? undefined : `${seen.method} ${found.template} ${seen.status}: ${ajv.errorsText(validate.errors)}`;
    },
  };
}
