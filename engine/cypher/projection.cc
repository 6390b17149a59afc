// WITH and RETURN: projection, grouping and aggregation, DISTINCT, ORDER BY, SKIP, LIMIT and
// WITH's WHERE.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "engine/cypher/errors.h"
#include "engine/cypher/executor.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/pattern_matcher.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {
namespace {

bool IsAggregateCall(const Expr& expr) {
  return expr.kind == ExprKind::kCountStar ||
         (expr.kind == ExprKind::kFunction && IsAggregateFunction(expr.name));
}

// The aggregate calls in an expression, outermost first (an aggregate's own arguments are
// not searched: nested aggregation is rejected by the binder).
void CollectAggregates(const Expr* expr, std::vector<const Expr*>& out) {
  if (expr == nullptr) return;
  if (IsAggregateCall(*expr)) {
    out.push_back(expr);
    return;
  }
  for (const auto& arg : expr->args) CollectAggregates(arg.get(), out);
  for (const auto& [when, then] : expr->whens) {
    CollectAggregates(when.get(), out);
    CollectAggregates(then.get(), out);
  }
  CollectAggregates(expr->else_expr.get(), out);
  CollectAggregates(expr->where.get(), out);
  CollectAggregates(expr->projection.get(), out);
  for (const auto& item : expr->map_items) CollectAggregates(item.value.get(), out);
}

// SKIP and LIMIT take a non-negative integer, computed once (the binder rejects variables).
std::int64_t CountArgument(const Expr& expr, const EvalEnv& env, const char* what) {
  static const std::vector<std::string> kNoNames;
  static const List kNoRow;
  RowContext context(env, kNoNames, kNoRow);
  Value value = Evaluate(expr, context);
  if (!value.is_int()) {
    ThrowRuntime(
        ErrorType::kSyntaxError, "InvalidArgumentType",
        std::string(what) + " needs a non-negative integer, not " + FormatValue(value, *env.graph));
  }
  if (value.as_int() < 0) {
    ThrowRuntime(
        ErrorType::kSyntaxError, "NegativeIntegerArgument",
        std::string(what) + " needs a non-negative integer, not " + std::to_string(value.as_int()));
  }
  return value.as_int();
}

struct Item {
  const Expr* expr = nullptr;  // null for a `*` column (then `source` holds the variable)
  int source = -1;             // column of the input table for `*` items
  std::string name;
  bool aggregate = false;
};

}  // namespace

bool IgnoresMultiplicity(const Clause& clause) {
  if (clause.kind != ClauseKind::kWith && clause.kind != ClauseKind::kReturn) return false;
  const Projection& projection = clause.projection;
  std::vector<const Expr*> aggregates;
  for (const ProjectionItem& item : projection.items)
    CollectAggregates(item.expr.get(), aggregates);
  for (const SortItem& sort : projection.order_by) CollectAggregates(sort.expr.get(), aggregates);
  if (aggregates.empty()) return projection.distinct;
  return std::all_of(aggregates.begin(), aggregates.end(), [](const Expr* call) {
    if (call->kind != ExprKind::kFunction) return false;  // count(*)
    std::string name = call->name;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return call->distinct || name == "min" || name == "max";
  });
}

void Executor::RunProjection(const Projection& projection, bool is_return, Table& table) {
  (void)is_return;
  std::vector<Item> items;
  if (projection.star) {
    std::vector<std::string> sorted = table.names;
    std::sort(sorted.begin(), sorted.end());
    for (const std::string& name : sorted) {
      items.push_back(Item{nullptr, table.Find(name), name, false});
    }
  }
  std::vector<const Expr*> aggregates;
  for (const ProjectionItem& p : projection.items) {
    Item item;
    item.expr = p.expr.get();
    item.name = p.alias.empty() ? p.text : p.alias;
    std::size_t before = aggregates.size();
    CollectAggregates(item.expr, aggregates);
    item.aggregate = aggregates.size() > before;
    items.push_back(std::move(item));
  }
  bool aggregating = !aggregates.empty();
  for (const SortItem& sort : projection.order_by) CollectAggregates(sort.expr.get(), aggregates);
  aggregating = aggregating || !aggregates.empty();

  std::vector<std::string> columns;
  for (const Item& item : items) columns.push_back(item.name);

  // Output rows, each with the input row (or group's first row) that ORDER BY may still read.
  std::vector<List> out;
  std::vector<std::size_t> sources;
  std::vector<List> aggregate_values;  // per output row, when aggregating
  static const List kEmptyRow;
  static const std::vector<std::string> kNoNames;

  auto evaluate_item = [&](const Item& item, const List& row, const EvalContext& context) {
    return item.expr == nullptr ? row[item.source] : Evaluate(*item.expr, context);
  };

  if (!aggregating) {
    out.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      RowContext context(env_, table.names, table.rows[r]);
      List row;
      row.reserve(items.size());
      for (const Item& item : items) row.push_back(evaluate_item(item, table.rows[r], context));
      out.push_back(std::move(row));
      sources.push_back(r);
    }
  } else {
    struct Group {
      std::size_t source = 0;
      List keys;
      std::vector<std::unique_ptr<Aggregator>> aggregators;
    };
    std::vector<Group> groups;
    std::unordered_map<List, std::size_t, RowHash, RowEquivalent> index;
    auto new_group = [&](std::size_t source, List keys) {
      Group group;
      group.source = source;
      group.keys = std::move(keys);
      for (const Expr* call : aggregates) group.aggregators.push_back(MakeAggregator(*call));
      groups.push_back(std::move(group));
      return groups.size() - 1;
    };
    List args;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      RowContext context(env_, table.names, table.rows[r]);
      List keys;
      for (const Item& item : items) {
        if (!item.aggregate) keys.push_back(evaluate_item(item, table.rows[r], context));
      }
      std::size_t g;
      auto it = index.find(keys);
      if (it == index.end()) {
        g = new_group(r, keys);
        index.emplace(std::move(keys), g);
      } else {
        g = it->second;
      }
      for (std::size_t a = 0; a < aggregates.size(); ++a) {
        args.clear();
        for (const ExprPtr& arg : aggregates[a]->args) args.push_back(Evaluate(*arg, context));
        groups[g].aggregators[a]->Add(args);
      }
    }
    bool has_keys =
        std::any_of(items.begin(), items.end(), [](const Item& i) { return !i.aggregate; });
    if (groups.empty() && !has_keys) new_group(SIZE_MAX, {});  // aggregates of no rows
    for (Group& group : groups) {
      List values;
      for (auto& aggregator : group.aggregators) values.push_back(aggregator->Result());
      aggregate_values.push_back(std::move(values));
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const Group& group = groups[g];
      bool empty = group.source == SIZE_MAX;
      const List& source = empty ? kEmptyRow : table.rows[group.source];
      RowContext context(env_, empty ? kNoNames : table.names, source);
      context.SetAggregates(&aggregates, &aggregate_values[g]);
      List row;
      std::size_t k = 0;
      for (const Item& item : items) {
        row.push_back(item.aggregate ? Evaluate(*item.expr, context) : group.keys[k++]);
      }
      out.push_back(std::move(row));
      sources.push_back(group.source);
    }
  }

  // DISTINCT keeps the first row of each set of equivalent rows (and its source).
  if (projection.distinct) {
    std::unordered_map<List, std::size_t, RowHash, RowEquivalent> seen;
    std::vector<List> kept;
    std::vector<std::size_t> kept_sources;
    std::vector<List> kept_aggregates;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (seen.emplace(out[i], i).second) {
        kept.push_back(std::move(out[i]));
        kept_sources.push_back(sources[i]);
        if (aggregating) kept_aggregates.push_back(std::move(aggregate_values[i]));
      }
    }
    out = std::move(kept);
    sources = std::move(kept_sources);
    aggregate_values = std::move(kept_aggregates);
  }

  // Sort keys and WITH's WHERE see the projected columns first, then the variables of the
  // source row (openCypher lets `WITH c WHERE r IS NULL` read `r` from before the WITH).
  auto with_source = [&](std::size_t i, auto&& use) {
    bool empty = sources[i] == SIZE_MAX;
    RowContext source(env_, empty ? kNoNames : table.names,
                      empty ? kEmptyRow : table.rows[sources[i]]);
    if (aggregating) source.SetAggregates(&aggregates, &aggregate_values[i]);
    ExtendedContext context(source, columns, out[i]);
    return use(static_cast<const EvalContext&>(context));
  };
  std::vector<std::size_t> order(out.size());
  std::iota(order.begin(), order.end(), 0);
  if (!projection.order_by.empty()) {
    std::vector<List> keys(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      with_source(i, [&](const EvalContext& context) {
        for (const SortItem& sort : projection.order_by) {
          keys[i].push_back(Evaluate(*sort.expr, context));
        }
        return 0;
      });
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      for (std::size_t k = 0; k < projection.order_by.size(); ++k) {
        int c = OrderCompare(keys[a][k], keys[b][k]);
        if (c != 0) return projection.order_by[k].descending ? c > 0 : c < 0;
      }
      return false;
    });
  }

  std::size_t skip =
      projection.skip ? static_cast<std::size_t>(CountArgument(*projection.skip, env_, "SKIP")) : 0;
  std::size_t limit =
      projection.limit ? static_cast<std::size_t>(CountArgument(*projection.limit, env_, "LIMIT"))
                       : SIZE_MAX;
  std::size_t begin = std::min(skip, order.size());
  std::size_t end = limit >= order.size() - begin ? order.size() : begin + limit;

  std::vector<List> kept;
  kept.reserve(end - begin);
  for (std::size_t k = begin; k < end; ++k) {
    std::size_t i = order[k];
    if (projection.where && !with_source(i, [&](const EvalContext& context) {
          return IsTrue(Evaluate(*projection.where, context));
        })) {
      continue;
    }
    kept.push_back(std::move(out[i]));
  }
  out = std::move(kept);
  table.names = std::move(columns);
  table.rows = std::move(out);
}

}  // namespace sutra::cypher
