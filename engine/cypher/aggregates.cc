// The aggregate functions of openCypher (count, sum, avg, min, max, collect, stDev, stDevP,
// percentileCont, percentileDisc). Every aggregate except count(*) ignores null inputs;
// DISTINCT keeps the first of each class of Equivalent (value_ops.h) inputs.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {
namespace {

// Case-insensitive equality for ASCII function names.
bool NameIs(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

enum class AggregateKind : std::uint8_t {
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kCollect,
  kStDev,
  kStDevP,
  kPercentileCont,
  kPercentileDisc,
};

struct AggregateName {
  std::string_view lower;  // the name in lower case
  AggregateKind kind;
  int arity;
};

constexpr std::array<AggregateName, 10> kAggregates = {{
    {"count", AggregateKind::kCount, 1},
    {"sum", AggregateKind::kSum, 1},
    {"avg", AggregateKind::kAvg, 1},
    {"min", AggregateKind::kMin, 1},
    {"max", AggregateKind::kMax, 1},
    {"collect", AggregateKind::kCollect, 1},
    {"stdev", AggregateKind::kStDev, 1},
    {"stdevp", AggregateKind::kStDevP, 1},
    {"percentilecont", AggregateKind::kPercentileCont, 2},
    {"percentiledisc", AggregateKind::kPercentileDisc, 2},
}};

const AggregateName* FindAggregate(std::string_view name) {
  for (const AggregateName& a : kAggregates) {
    if (NameIs(name, a.lower)) return &a;
  }
  return nullptr;
}

[[noreturn]] void ThrowNotNumber(std::string_view function, const Value& v) {
  ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType",
               std::string(function) + "() expects numbers, got " + KindName(v.kind()));
}

class CountStar final : public Aggregator {
 public:
  void Add(std::span<const Value>) override { ++count_; }
  Value Result() const override { return Value(count_); }

 private:
  std::int64_t count_ = 0;
};

class Count final : public Aggregator {
 public:
  void Add(std::span<const Value> args) override {
    if (!args[0].is_null()) ++count_;
  }
  Value Result() const override { return Value(count_); }

 private:
  std::int64_t count_ = 0;
};

// Integers sum exactly (in 128 bits, checked against the 64-bit range at the end) and stay
// integers; a single float makes the result a float.
class Sum final : public Aggregator {
 public:
  void Add(std::span<const Value> args) override {
    const Value& v = args[0];
    if (v.is_null()) return;
    if (v.is_int()) {
      int_sum_ += v.as_int();
    } else if (v.is_float()) {
      saw_float_ = true;
      float_sum_ += v.as_float();
    } else {
      ThrowNotNumber("sum", v);
    }
  }
  Value Result() const override {
    if (saw_float_) return Value(static_cast<double>(int_sum_) + float_sum_);
    if (int_sum_ > INT64_MAX || int_sum_ < INT64_MIN) {
      ThrowRuntime(ErrorType::kArgumentError, "NumberOutOfRange",
                   "sum() overflows the 64-bit integer range");
    }
    return Value(static_cast<std::int64_t>(int_sum_));
  }

 private:
  __int128 int_sum_ = 0;
  double float_sum_ = 0;
  bool saw_float_ = false;
};

class Avg final : public Aggregator {
 public:
  void Add(std::span<const Value> args) override {
    const Value& v = args[0];
    if (v.is_null()) return;
    if (v.is_int()) {
      int_sum_ += v.as_int();
    } else if (v.is_float()) {
      float_sum_ += v.as_float();
    } else {
      ThrowNotNumber("avg", v);
    }
    ++count_;
  }
  Value Result() const override {
    if (count_ == 0) return Value();
    return Value((static_cast<double>(int_sum_) + float_sum_) / static_cast<double>(count_));
  }

 private:
  __int128 int_sum_ = 0;
  double float_sum_ = 0;
  std::int64_t count_ = 0;
};

// min and max follow ORDER BY's order across kinds (a list is less than a string, which is
// less than a number), as the TCK expects of min/max over mixed values.
class Extreme final : public Aggregator {
 public:
  explicit Extreme(bool want_max) : want_max_(want_max) {}
  void Add(std::span<const Value> args) override {
    const Value& v = args[0];
    if (v.is_null()) return;
    if (best_.is_null()) {
      best_ = v;
      return;
    }
    const int c = OrderCompare(v, best_);
    if (want_max_ ? c > 0 : c < 0) best_ = v;
  }
  Value Result() const override { return best_; }

 private:
  bool want_max_;
  Value best_;
};

class Collect final : public Aggregator {
 public:
  void Add(std::span<const Value> args) override {
    if (!args[0].is_null()) items_.push_back(args[0]);
  }
  Value Result() const override { return Value(items_); }

 private:
  List items_;
};

// Standard deviation by Welford's running mean and sum of squared deviations (numerically
// stable). Sample (n - 1) or population (n); 0.0 when there are too few values.
class StDev final : public Aggregator {
 public:
  explicit StDev(bool population) : population_(population) {}
  void Add(std::span<const Value> args) override {
    const Value& v = args[0];
    if (v.is_null()) return;
    if (!v.is_number()) ThrowNotNumber(population_ ? "stDevP" : "stDev", v);
    const double x = v.as_number();
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    squares_ += delta * (x - mean_);
  }
  Value Result() const override {
    const std::int64_t divisor = population_ ? count_ : count_ - 1;
    if (divisor <= 0) return Value(0.0);
    return Value(std::sqrt(squares_ / static_cast<double>(divisor)));
  }

 private:
  bool population_;
  std::int64_t count_ = 0;
  double mean_ = 0;
  double squares_ = 0;
};

// percentileCont interpolates linearly between the two nearest values (a float);
// percentileDisc picks the smallest value whose rank covers the percentile (the value itself).
class Percentile final : public Aggregator {
 public:
  explicit Percentile(bool continuous) : continuous_(continuous) {}
  void Add(std::span<const Value> args) override {
    const Value& v = args[0];
    const Value& p = args[1];
    if (v.is_null()) return;
    if (!v.is_number()) ThrowNotNumber(Name(), v);
    if (!p.is_number()) {
      ThrowRuntime(
          ErrorType::kTypeError, "InvalidArgumentType",
          std::string(Name()) + "() expects a number as percentile, got " + KindName(p.kind()));
    }
    const double percentile = p.as_number();
    if (!(percentile >= 0.0 && percentile <= 1.0)) {
      ThrowRuntime(ErrorType::kArgumentError, "NumberOutOfRange",
                   std::string(Name()) + "() percentile must be between 0.0 and 1.0");
    }
    percentile_ = percentile;
    values_.push_back(v);
  }
  Value Result() const override {
    if (values_.empty()) return Value();
    std::vector<Value> sorted = values_;
    std::sort(sorted.begin(), sorted.end(),
              [](const Value& a, const Value& b) { return OrderCompare(a, b) < 0; });
    const std::size_t n = sorted.size();
    if (continuous_) {
      const double position = percentile_ * static_cast<double>(n - 1);
      const auto lower = static_cast<std::size_t>(std::floor(position));
      const auto upper = static_cast<std::size_t>(std::ceil(position));
      const double low = sorted[lower].as_number();
      if (lower == upper) return Value(low);
      const double high = sorted[upper].as_number();
      return Value(low + (high - low) * (position - static_cast<double>(lower)));
    }
    const double rank = std::ceil(percentile_ * static_cast<double>(n));
    const std::size_t index = rank <= 1.0 ? 0 : std::min(n, static_cast<std::size_t>(rank)) - 1;
    return sorted[index];
  }

 private:
  const char* Name() const { return continuous_ ? "percentileCont" : "percentileDisc"; }
  bool continuous_;
  double percentile_ = 0;
  List values_;
};

struct EquivalenceHasher {
  std::size_t operator()(const Value& v) const { return EquivalenceHash(v); }
};
struct EquivalenceEqual {
  bool operator()(const Value& a, const Value& b) const { return Equivalent(a, b); }
};

// DISTINCT: forwards a row only when its first argument (the aggregated value) has not been
// seen. Nulls are forwarded untouched: every aggregate that takes DISTINCT ignores them.
class Distinct final : public Aggregator {
 public:
  explicit Distinct(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
  void Add(std::span<const Value> args) override {
    if (!args.empty() && !args[0].is_null() && !seen_.insert(args[0]).second) return;
    inner_->Add(args);
  }
  Value Result() const override { return inner_->Result(); }

 private:
  std::unique_ptr<Aggregator> inner_;
  std::unordered_set<Value, EquivalenceHasher, EquivalenceEqual> seen_;
};

// Guards the per-row argument count, so an executor bug shows as an error, not a bad read.
class CheckedArguments final : public Aggregator {
 public:
  CheckedArguments(std::unique_ptr<Aggregator> inner, std::size_t arity)
      : inner_(std::move(inner)), arity_(arity) {}
  void Add(std::span<const Value> args) override {
    if (args.size() != arity_) {
      ThrowRuntime(ErrorType::kSyntaxError, "InvalidNumberOfArguments",
                   "aggregate received " + std::to_string(args.size()) + " arguments, expects " +
                       std::to_string(arity_));
    }
    inner_->Add(args);
  }
  Value Result() const override { return inner_->Result(); }

 private:
  std::unique_ptr<Aggregator> inner_;
  std::size_t arity_;
};

std::unique_ptr<Aggregator> MakePlain(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::kCount:
      return std::make_unique<Count>();
    case AggregateKind::kSum:
      return std::make_unique<Sum>();
    case AggregateKind::kAvg:
      return std::make_unique<Avg>();
    case AggregateKind::kMin:
      return std::make_unique<Extreme>(false);
    case AggregateKind::kMax:
      return std::make_unique<Extreme>(true);
    case AggregateKind::kCollect:
      return std::make_unique<Collect>();
    case AggregateKind::kStDev:
      return std::make_unique<StDev>(false);
    case AggregateKind::kStDevP:
      return std::make_unique<StDev>(true);
    case AggregateKind::kPercentileCont:
      return std::make_unique<Percentile>(true);
    case AggregateKind::kPercentileDisc:
      return std::make_unique<Percentile>(false);
  }
  return nullptr;
}

}  // namespace

bool IsAggregateFunction(std::string_view name) { return FindAggregate(name) != nullptr; }

std::unique_ptr<Aggregator> MakeAggregator(const Expr& call) {
  if (call.kind == ExprKind::kCountStar) return std::make_unique<CountStar>();
  const AggregateName* aggregate =
      call.kind == ExprKind::kFunction ? FindAggregate(call.name) : nullptr;
  if (aggregate == nullptr) {
    ThrowSyntax("UnknownFunction", "'" + call.name + "' is not an aggregate function",
                call.pos.line, call.pos.column);
  }
  if (call.args.size() != static_cast<std::size_t>(aggregate->arity)) {
    ThrowSyntax("InvalidNumberOfArguments",
                call.name + "() takes " + std::to_string(aggregate->arity) + " argument(s)",
                call.pos.line, call.pos.column);
  }
  std::unique_ptr<Aggregator> result = MakePlain(aggregate->kind);
  if (call.distinct) result = std::make_unique<Distinct>(std::move(result));
  return std::make_unique<CheckedArguments>(std::move(result),
                                            static_cast<std::size_t>(aggregate->arity));
}

}  // namespace sutra::cypher
