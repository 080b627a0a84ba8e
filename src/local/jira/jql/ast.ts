/** The parsed form of a JQL query: syntax only, no field or function is resolved yet. */

export interface JqlPosition {
  line: number;
  /** 1-based, as Jira reports it ("character 9"). */
  column: number;
}

export type JqlFieldRef =
  /** A field name or alias as typed, quoted or not: `status`, `"Phase"`, `customfield_10100`. */
  | { kind: 'named'; name: string; position: JqlPosition }
  /** `cf[10100]` */
  | { kind: 'customFieldId'; id: string; position: JqlPosition }
  /** `issue.property[key].path.to.value`; path is '' when omitted. */
  | { kind: 'property'; propertyKey: string; path: string; position: JqlPosition };

export type JqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlSingleOperand = { kind: 'value'; value: string; quoted: boolean } | { kind: 'function'; name: string; args: string[] } | { kind: 'empty' };

export type JqlOperand = JqlSingleOperand | { kind: 'list'; items: JqlSingleOperand[] };

export type JqlClause =
  | { kind: 'and' | 'or'; clauses: JqlClause[] }
  | { kind: 'not'; clause: JqlClause }
  | { kind: 'terminal'; field: JqlFieldRef; operator: JqlOperator; operand: JqlOperand };

export interface JqlOrderTerm {
  field: JqlFieldRef;
  /** null when the query names no direction. */
  direction: 'asc' | 'desc' | null;
}

export interface JqlQuery {
  /** null for an empty query (or one with only ORDER BY): every issue matches. */
  where: JqlClause | null;
  orderBy: JqlOrderTerm[];
}

export function fieldRefText(field: JqlFieldRef): string {
  switch (field.kind) {
    case 'named':
      return field.name;
    case 'customFieldId':
      return `cf[${field.id}]`;
    case 'property':
      return `issue.property[${field.propertyKey}]${field.path ? `.${field.path}` : ''}`;
  }
}

export function operandText(operand: JqlOperand): string {
  switch (operand.kind) {
    case 'value':
      // Jira reads unquoted integers as numbers and shows every other value as a quoted string.
      return !operand.quoted && /^-?\d+$/.test(operand.value) ? operand.value : JSON.stringify(operand.value);
    case 'function':
      return `${operand.name}(${operand.args.join(', ')})`;
    case 'empty':
      return 'EMPTY';
    case 'list':
      return `(${operand.items.map(operandText).join(', ')})`;
  }
}
