/**
 * Words Jira Cloud reserves in JQL: unquoted, they are rejected with "'X' is a reserved JQL word".
 * Grammar keywords (AND, OR, NOT, IN, IS, EMPTY, NULL, ORDER, BY, ASC, DESC) are handled by the parser.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'abort access add after alias all alter any as audit avg before begin between boolean break byte catch cf char ' +
    'character check checkpoint collate collation column commit connect continue count create current date decimal ' +
    'declare decrement default defaults define delete delimiter difference distinct divide do double drop else ' +
    'encoding end equals escape exclusive exec execute exists explain false fetch file field first float for from ' +
    'function go goto grant greater group having identified if immediate increment index initial inner inout input ' +
    'insert int integer intersect intersection into isempty isnull join last left less like limit lock long max min ' +
    'minus mode modify modulo more multiply next noaudit notin nowait number object of on option outer output power ' +
    'previous prior privileges public raise raw remainder rename resource return returns revoke right row rowid ' +
    'rownum rows select session set share size sqrt start strict string subtract sum synonym table then to trans ' +
    'transaction trigger true uid union unique update user validate values view when whenever where while with'
  ).split(' '),
);

/** Grammar keywords: an unquoted keyword where a field or value belongs is an "Expecting ..." error. */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
