// Semantic checks of a parsed query before it runs: variable scoping across clauses, kinds of
// variables (node, relationship, path, value), aggregation placement, clause composition,
// function names and arities, and constant arguments, raising the errors the openCypher TCK
// expects at compile time. Thread-safe (no shared state).
#pragma once

#include "engine/cypher/ast.h"

namespace sutra::cypher {

class ProcedureRegistry;

// Throws CypherError (SyntaxError, compile time) with the TCK detail code and the position of
// the offending element, for instance UndefinedVariable, VariableAlreadyBound,
// VariableTypeConflict, NoSingleRelationshipType, RequiresDirectedRelationship,
// CreatingVarLength, InvalidAggregation, AmbiguousAggregationExpression, NestedAggregation,
// ColumnNameConflict, NoVariablesInScope, DifferentColumnsInUnion, InvalidClauseComposition,
// InvalidDelete, UnknownFunction, InvalidNumberOfArguments, NonConstantExpression,
// NegativeIntegerArgument, InvalidArgumentType, ProcedureNotFound, InvalidArgumentPassingMode.
// `procedures` may be null (then every CALL is ProcedureNotFound).
void CheckQuery(const Query& query, const ProcedureRegistry* procedures);

}  // namespace sutra::cypher
