/** The API reference page (`/api/docs`), rendered from the OpenAPI document: no script needed. */
import { openApiPath } from '../paths.js';
import { Layout, type SiteChrome } from './layout.js';

/** The parts of an OpenAPI 3 document the page shows. */
export interface OpenApiDocument {
  info: { title: string; description?: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

interface Schema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  nullable?: boolean;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

/** Text with `code` spans (the schemas' descriptions are written that way) shown as code. */
function Prose({ text }: { text: string }) {
  return <>{text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>;
}

function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'any';
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  let shown = types.map((t) => (t === 'array' ? `${typeOf(schema.items)}[]` : t)).join(' | ') || 'any';
  if (schema.nullable) shown += ' | null';
  if (schema.format) shown += ` (${schema.format})`;
  return shown;
}

function constraints(schema: Schema | undefined): string {
  if (!schema) return '';
  const parts: string[] = [];
  if (schema.enum) parts.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join('; ');
}

/** A response body's fields as a nested list. */
function Fields({ schema }: { schema: Schema | undefined }) {
  const properties = schema?.properties ?? schema?.items?.properties;
  if (!properties) return null;
  return (
    <ul class="api-fields">
      {Object.entries(properties).map(([name, field]) => (
        <li>
          <code>{name}</code> <span class="api-type">{typeOf(field)}</span>
          {field.description && (
            <>
              {' '}
              — <Prose text={field.description} />
            </>
          )}
          <Fields schema={field} />
        </li>
      ))}
    </ul>
  );
}

function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
  return (
    <section class="api-operation" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h2>
      {op.summary && (
        <p>
          <Prose text={op.summary} />
        </p>
      )}
      {op.description && (
        <p>
          <Prose text={op.description} />
        </p>
      )}
      {op.parameters && op.parameters.length > 0 && (
        <table class="api-params">
          <thead>
            <tr>
              <th>parameter</th>
              <th>in</th>
              <th>type</th>
              <th>what it takes</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr>
                <td>
                  <code>{p.name}</code>
                  {p.required && ' (required)'}
                </td>
                <td>{p.in}</td>
                <td>{typeOf(p.schema)}</td>
                <td>
                  {[p.description ?? p.schema?.description, constraints(p.schema)].filter(Boolean).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {Object.entries(op.responses ?? {}).map(([status, response]) => {
        const schema = response.content?.['application/json']?.schema;
        return (
          <div class="api-response">
            <h3>
              {status}{' '}
              {response.description && response.description !== 'Default Response'
                ? response.description
                : ''}
            </h3>
            {schema?.description && (
              <p>
                <Prose text={schema.description} />
              </p>
            )}
            <Fields schema={schema} />
          </div>
        );
      })}
    </section>
  );
}

export function ApiReferenceView({ chrome, document }: { chrome: SiteChrome; document: OpenApiDocument }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <Layout
      chrome={chrome}
      title="JSON API 接口文档"
      description={document.info.description ?? document.info.title}
      path="/api/docs"
    >
      <article class="api-reference" lang="en">
        <h1 class="page-title">{document.info.title}</h1>
        {document.info.description && (
          <p>
            <Prose text={document.info.description} />
          </p>
        )}
        <p>
          The machine-readable description: <a href={openApiPath()}>{openApiPath()}</a> (OpenAPI 3).
        </p>
        <nav aria-label="Endpoints">
          <ul>
            {operations.map(({ path, method }) => (
              <li>
                <a href={`#${`${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-')}`}>
                  <code>
                    {method.toUpperCase()} {path}
                  </code>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {operations.map(({ path, method, op }) => (
          <OperationView method={method} path={path} op={op} />
        ))}
      </article>
    </Layout>
  );
}
