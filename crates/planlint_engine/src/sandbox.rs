//! The sandbox every rule runs in: a bare rhai engine, its [`Limits`], the script API
//! registered on it, and the few functions of rhai's standard library it replaces.
//!
//! **Invariant:** the sandbox starts from a bare engine: no modules, no `eval`, no I/O, and
//! `print`/`debug` go nowhere. Every run is bounded by [`Limits`], and nothing a script can
//! call blocks, sleeps, hides an error, or recurses deeper than [`Limits::value_depth`]
//! on the thread's stack.
//!
//! rhai's standard library is safe but for four things, each replaced here by a function
//! of the same name registered in front of it (see [`guards`]):
//!
//! - `sleep` blocks the thread: here it is an error.
//! - `sort` and `dedup` with a comparator swallow an error raised inside the comparator
//!   (a `throw`, or a limit reached there) and carry on with an arbitrary order: here the
//!   error ends the rule, as anywhere else.
//! - Printing (`to_string`, `to_debug`, `print`, `debug`, string interpolation and `+` on a
//!   string), comparing (`==`, `!=`, `in`, `contains`, `index_of`, `dedup`) and `to_json`
//!   recurse once per level of nested arrays and maps, through rhai's whole function call,
//!   so a value nested a few thousand levels deep (easily built in a loop) overflows the
//!   stack and aborts the process. Here they recurse in Rust, at most
//!   [`Limits::value_depth`] levels; deeper is a failure of the rule.
//!
//! What no function can bound — rhai cloning, dropping, hashing and measuring a nested value
//! — is bounded by running rules on threads with a stack sized for the limits
//! ([`Limits::stack_bytes`]).

use crate::run;
use rhai::{
    Array, Dynamic, Engine, EvalAltResult, FnPtr, FuncRegistration, ImmutableString, Map, Module,
    NativeCallContext, Position, INT,
};
use std::cmp::Ordering;
use std::time::Duration;

/// The limits every rule run is held to.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub operations: u64,
    pub call_levels: usize,
    pub expr_depth: usize,
    pub string_size: usize,
    pub array_size: usize,
    pub map_size: usize,
    pub time: Duration,
    /// Findings one run may report.
    pub reports: usize,
    /// Bytes of text (messages, help, labels) the findings of one run may hold together.
    pub report_bytes: usize,
    /// How deep arrays and maps may nest in a value that is printed, compared or turned
    /// into JSON.
    pub value_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            operations: 5_000_000,
            call_levels: 32,
            expr_depth: 64,
            string_size: 64 * 1024,
            array_size: 100_000,
            map_size: 10_000,
            time: Duration::from_secs(2),
            reports: 10_000,
            report_bytes: 4 << 20,
            value_depth: 64,
        }
    }
}

impl Limits {
    /// The stack a thread running rules needs under these limits.
    ///
    /// rhai clones, drops, hashes (`switch`) and measures (its size limits) a value by
    /// recursing once per level of nesting, and a value can nest as deep as it has arrays
    /// and maps: `array_size + map_size` levels, because rhai counts the elements of nested
    /// arrays and maps into the size of the outer one. One level of those takes under 300
    /// bytes of stack in a debug build (measured: 16,000 levels in 4 MiB), so 512 per
    /// level leaves a margin; the base is for the interpreter and the script's own calls
    /// (bounded by `call_levels` and `expr_depth`).
    pub fn stack_bytes(&self) -> usize {
        const BASE: usize = 16 << 20;
        const PER_LEVEL: usize = 512;
        BASE.saturating_add(
            self.array_size
                .saturating_add(self.map_size)
                .saturating_mul(PER_LEVEL),
        )
    }
}

/// Builds the sandboxed engine with the whole script API.
pub fn engine(limits: &Limits) -> Engine {
    let mut engine = Engine::new_raw();
    // The language core (operators, strings, arrays, maps) and nothing that reaches out:
    // rhai has no file or network functions, and modules are compiled out (`no_module`).
    engine.register_global_module(rhai::packages::Package::as_shared_module(
        &rhai::packages::StandardPackage::new(),
    ));
    // Registered after the standard library, so in front of it: its functions of the same
    // names and parameter types are the ones scripts call.
    engine.register_global_module(guards(limits).into());
    engine.disable_symbol("eval");
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});
    engine.set_max_operations(limits.operations);
    engine.set_max_call_levels(limits.call_levels);
    engine.set_max_expr_depths(limits.expr_depth, limits.expr_depth);
    engine.set_max_string_size(limits.string_size);
    engine.set_max_array_size(limits.array_size);
    engine.set_max_map_size(limits.map_size);
    engine.set_max_variables(1_000);
    engine.set_max_functions(1_000);
    engine.on_progress(|ops| {
        // Once a run has failed it stops at its next operation, wherever it is: rhai runs
        // a callback (a comparator, a `map` function) with its own copy of the operation
        // count, and a few of its functions drop a callback's error, so one stop is not
        // enough. Checking the clock every operation would cost more than the rules do.
        if run::stopped() || (ops % 4096 == 0 && run::time_is_up()) {
            Some(Dynamic::from(run::STOPPED))
        } else {
            None
        }
    });
    crate::views::register(&mut engine);
    crate::records::register(&mut engine);
    crate::queries::register(&mut engine);
    crate::report::register(&mut engine);
    engine
}

/// A script error with `message`.
pub(crate) fn err(message: impl Into<String>) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        Dynamic::from(message.into()),
        Position::NONE,
    ))
}

type Fallible<T> = Result<T, Box<EvalAltResult>>;

/// The standard functions the sandbox replaces (see the module's documentation).
fn guards(limits: &Limits) -> Module {
    let mut module = Module::new();
    let depth = limits.value_depth;
    // Anything past the string limit is refused by rhai when the text is used; printing
    // stops there rather than building megabytes first.
    let max_text = limits.string_size.saturating_add(1);

    let no_sleep = || -> Fallible<()> {
        Err(err(
            "`sleep` is not available to rules: a rule must not wait",
        ))
    };
    FuncRegistration::new("sleep")
        .in_global_namespace()
        .set_into_module(&mut module, move |_: INT| no_sleep());
    FuncRegistration::new("sleep")
        .in_global_namespace()
        .set_into_module(&mut module, move |_: rhai::FLOAT| no_sleep());

    for name in ["sort", "sort_by"] {
        FuncRegistration::new(name)
            .in_global_namespace()
            .with_purity(false)
            .set_into_module(
                &mut module,
                |ctx: NativeCallContext, array: &mut Array, comparer: FnPtr| {
                    sort(&ctx, array, &comparer)
                },
            );
    }
    FuncRegistration::new("dedup")
        .in_global_namespace()
        .with_purity(false)
        .set_into_module(
            &mut module,
            |ctx: NativeCallContext, array: &mut Array, comparer: FnPtr| {
                dedup(&ctx, array, &comparer)
            },
        );

    equality(&mut module, depth, arrays_equal);
    equality(&mut module, depth, maps_equal);

    for name in ["to_string", "to_debug", "print", "debug"] {
        FuncRegistration::new(name)
            .in_global_namespace()
            .with_purity(true)
            .set_into_module(
                &mut module,
                move |ctx: NativeCallContext, array: &mut Array| -> ImmutableString {
                    let mut printer = Printer::new(depth, max_text, Some(&ctx));
                    printer.array(array, 0);
                    printer.finish(&ctx)
                },
            );
        FuncRegistration::new(name)
            .in_global_namespace()
            .with_purity(true)
            .set_into_module(
                &mut module,
                move |ctx: NativeCallContext, map: &mut Map| -> ImmutableString {
                    let mut printer = Printer::new(depth, max_text, Some(&ctx));
                    printer.map(map, 0);
                    printer.finish(&ctx)
                },
            );
    }
    FuncRegistration::new("to_json")
        .in_global_namespace()
        .with_purity(true)
        .set_into_module(
            &mut module,
            move |ctx: NativeCallContext, map: &mut Map| -> Fallible<String> {
                if map
                    .values()
                    .all(|v| nests_within(v, depth.saturating_sub(1)))
                {
                    Ok(rhai::format_map_as_json(map))
                } else {
                    Err(too_deep(depth, ctx.call_position()))
                }
            },
        );
    module
}

/// The failure of a value nested deeper than `depth` levels.
fn too_deep(depth: usize, at: Position) -> Box<EvalAltResult> {
    run::fail(
        format!("它处理的值中数组和映射嵌套超过 {depth} 层"),
        format!("it printed, compared or serialised a value with arrays and maps nested deeper than {depth} levels"),
        at,
    )
}

/// Whether `value` nests at most `levels` arrays and maps inside it. The recursion stops
/// at `levels`, so it is bounded whatever the value.
fn nests_within(value: &Dynamic, levels: usize) -> bool {
    if let Ok(array) = value.as_array_ref() {
        levels > 0 && array.iter().all(|v| nests_within(v, levels - 1))
    } else if let Ok(map) = value.as_map_ref() {
        levels > 0 && map.values().all(|v| nests_within(v, levels - 1))
    } else {
        true
    }
}

/// `array.sort(comparer)`: rhai's order (the comparer returns a number, negative for
/// "before", or `true` for "before"), but an error in the comparer ends the sort and is
/// raised, and a comparer that is not a consistent order gives some order rather than a
/// panic. A stable merge sort.
fn sort(ctx: &NativeCallContext, array: &mut Array, comparer: &FnPtr) -> Fallible<()> {
    if array.len() <= 1 {
        return Ok(());
    }
    let compare = |a: &Dynamic, b: &Dynamic| -> Fallible<Ordering> {
        let result = comparer.call_raw(ctx, None, [a.clone(), b.clone()])?;
        if let Ok(n) = result.as_int() {
            Ok(n.cmp(&0))
        } else if let Ok(before) = result.as_bool() {
            Ok(if before {
                Ordering::Less
            } else {
                Ordering::Greater
            })
        } else {
            Err(err(format!(
                "the function given to `sort` returned {}, not a number or true/false",
                result.type_name()
            )))
        }
    };
    let mut items: Vec<Dynamic> = std::mem::take(array);
    let mut buffer: Vec<Dynamic> = Vec::with_capacity(items.len());
    let mut width = 1;
    let result = loop {
        if width >= items.len() {
            break Ok(());
        }
        // One pass: runs of `width` merged pairwise from `items` into `buffer`.
        let mut rest = std::mem::take(&mut items).into_iter().peekable();
        let mut failed = None;
        while rest.peek().is_some() {
            let left: Vec<Dynamic> = rest.by_ref().take(width).collect();
            let right: Vec<Dynamic> = rest.by_ref().take(width).collect();
            let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
            while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
                let order = if failed.is_some() {
                    Ordering::Less
                } else {
                    compare(b, a).unwrap_or_else(|e| {
                        failed = Some(e);
                        Ordering::Less
                    })
                };
                // Stable: the right run's item goes first only when strictly before.
                let next = if order == Ordering::Less {
                    r.next()
                } else {
                    l.next()
                };
                buffer.extend(next);
            }
            buffer.extend(l);
            buffer.extend(r);
        }
        std::mem::swap(&mut items, &mut buffer);
        if let Some(e) = failed {
            break Err(e);
        }
        width = width.saturating_mul(2);
    };
    *array = items;
    result
}

/// `array.dedup(comparer)`: drops each item the comparer calls equal to the item kept
/// before it; an error in the comparer is raised.
fn dedup(ctx: &NativeCallContext, array: &mut Array, comparer: &FnPtr) -> Fallible<()> {
    let mut kept: Array = Vec::with_capacity(array.len());
    for item in std::mem::take(array) {
        let same = match kept.last() {
            None => false,
            Some(last) => comparer
                .call_raw(ctx, None, [last.clone(), item.clone()])?
                .as_bool()
                .unwrap_or(false),
        };
        if !same {
            kept.push(item);
        }
    }
    *array = kept;
    Ok(())
}

/// How many more levels of arrays and maps a comparison may go down, and the limit (for
/// the message).
type Levels = (usize, usize);

/// Registers `==` and `!=` on two values of type `T` (arrays, maps), compared by `equal` at
/// most `depth` levels deep.
fn equality<T: Clone + Send + Sync + 'static>(
    module: &mut Module,
    depth: usize,
    equal: fn(&NativeCallContext, &mut T, &mut T, Levels) -> Fallible<bool>,
) {
    for (name, when_equal) in [("==", true), ("!=", false)] {
        FuncRegistration::new(name)
            .in_global_namespace()
            .with_purity(true)
            .set_into_module(module, move |ctx: NativeCallContext, a: &mut T, b: T| {
                equal(&ctx, a, &mut { b }, (depth, depth)).map(|same| same == when_equal)
            });
    }
}

/// `==` on two values, as rhai compares them: nested arrays and maps compared here (at
/// most `levels` deep), anything else by its own `==`.
fn values_equal(
    ctx: &NativeCallContext,
    a: &mut Dynamic,
    b: &mut Dynamic,
    levels: Levels,
) -> Fallible<bool> {
    if a.is_array() && b.is_array() {
        match (a.as_array_mut(), b.as_array_mut()) {
            (Ok(mut x), Ok(mut y)) => return arrays_equal(ctx, &mut x, &mut y, levels),
            _ => return Ok(false),
        }
    }
    if a.is_map() && b.is_map() {
        match (a.as_map_mut(), b.as_map_mut()) {
            (Ok(mut x), Ok(mut y)) => return maps_equal(ctx, &mut x, &mut y, levels),
            _ => return Ok(false),
        }
    }
    let same_type = a.type_id() == b.type_id();
    match ctx.call_native_fn_raw("==", true, &mut [a, b]) {
        Ok(result) => Ok(result.as_bool().unwrap_or(false)),
        // rhai's rule: values of different types without an `==` between them differ;
        // values of one type without an `==` cannot be compared.
        Err(e) if !same_type && matches!(*e, EvalAltResult::ErrorFunctionNotFound(..)) => Ok(false),
        Err(e) => Err(e),
    }
}

fn arrays_equal(
    ctx: &NativeCallContext,
    a: &mut Array,
    b: &mut Array,
    (left, limit): Levels,
) -> Fallible<bool> {
    if left == 0 {
        return Err(too_deep(limit, ctx.call_position()));
    }
    if a.len() != b.len() {
        return Ok(false);
    }
    for (x, y) in a.iter_mut().zip(b.iter_mut()) {
        if !values_equal(ctx, x, y, (left - 1, limit))? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn maps_equal(
    ctx: &NativeCallContext,
    a: &mut Map,
    b: &mut Map,
    (left, limit): Levels,
) -> Fallible<bool> {
    if left == 0 {
        return Err(too_deep(limit, ctx.call_position()));
    }
    if a.len() != b.len() {
        return Ok(false);
    }
    for (key, x) in a.iter_mut() {
        let Some(y) = b.get_mut(key) else {
            return Ok(false);
        };
        if !values_equal(ctx, x, y, (left - 1, limit))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Prints a value as rhai does (`[1, "a"]`, `#{"k": 1}`), nested arrays and maps printed
/// here, at most `depth` levels, and anything else by its own `to_debug`. Stops at
/// `max_len` bytes: longer text is refused by rhai's string limit where it is used.
pub(crate) struct Printer<'a, 'c> {
    out: String,
    depth: usize,
    max_len: usize,
    ctx: Option<&'a NativeCallContext<'c>>,
    too_deep: bool,
}

impl<'a, 'c> Printer<'a, 'c> {
    pub(crate) fn new(
        depth: usize,
        max_len: usize,
        ctx: Option<&'a NativeCallContext<'c>>,
    ) -> Printer<'a, 'c> {
        Printer {
            out: String::new(),
            depth,
            max_len,
            ctx,
            too_deep: false,
        }
    }

    fn full(&self) -> bool {
        self.out.len() > self.max_len
    }

    fn value(&mut self, value: &mut Dynamic, level: usize) {
        if self.full() {
            return;
        }
        if value.is_array() {
            if let Ok(mut array) = value.as_array_mut() {
                return self.array(&mut array, level);
            }
        }
        if value.is_map() {
            if let Ok(mut map) = value.as_map_mut() {
                return self.map(&mut map, level);
            }
        }
        let text = match self.ctx {
            Some(ctx) => match ctx.call_native_fn_raw("to_debug", true, &mut [&mut *value]) {
                Ok(result) if result.is_string() => result.to_string(),
                Ok(result) => ctx.engine().map_type_name(result.type_name()).to_string(),
                Err(_) => format!("{value:?}"),
            },
            None => format!("{value:?}"),
        };
        self.out.push_str(&text);
    }

    pub(crate) fn array(&mut self, array: &mut Array, level: usize) {
        if level >= self.depth {
            self.too_deep = true;
            self.out.push_str("[…]");
            return;
        }
        self.out.push('[');
        for (i, item) in array.iter_mut().enumerate() {
            if self.full() {
                return;
            }
            if i > 0 {
                self.out.push_str(", ");
            }
            self.value(item, level + 1);
        }
        self.out.push(']');
    }

    pub(crate) fn map(&mut self, map: &mut Map, level: usize) {
        if level >= self.depth {
            self.too_deep = true;
            self.out.push_str("#{…}");
            return;
        }
        self.out.push_str("#{");
        for (i, (key, item)) in map.iter_mut().enumerate() {
            if self.full() {
                return;
            }
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&format!("{:?}: ", key.as_str()));
            self.value(item, level + 1);
        }
        self.out.push('}');
    }

    /// The text, for a script. A value too deep to print fails the rule: rhai drops an
    /// error from a printing function (and prints the value by recursing instead), so the
    /// failure is recorded with the run and stops it at its next operation.
    fn finish(self, ctx: &NativeCallContext) -> ImmutableString {
        if self.too_deep {
            let _ = too_deep(self.depth, ctx.call_position());
        }
        self.out.into()
    }

    /// The text, for a message of ours.
    pub(crate) fn text(self) -> String {
        self.out
    }
}

/// A value as a message shows it: nested at most a few levels, at most a few hundred
/// characters.
pub(crate) fn shown(value: &Dynamic) -> String {
    let mut value = value.clone();
    if let Ok(text) = value.clone().into_string() {
        return text;
    }
    let mut printer = Printer::new(8, 400, None);
    printer.value(&mut value, 0);
    printer.text()
}
