//! Native agents: `agent send send-off send-via await await-for
//! agent-error restart-agent set-error-handler! set-error-mode!
//! error-handler error-mode release-pending-sends shutdown-agents` (the
//! queue, the claim and the workers are in `crate::agent`).

use crate::agent::AgentField;
use crate::error::EvalResult;
use crate::error::arity;
use crate::interp::Interp;
use crate::native_registry::Args;
use crate::natives::one;
use crate::natives::refs::atoms::options_map;
use crate::print::class_cast;
use crate::rust_values::truthy;
use evelisp_heap::Value;

natives! {
    /// A new agent holding state, in the env file: every process on it can
    /// send to it and read it. Options: :validator f, :meta m,
    /// :error-handler (fn [agent exception]), :error-mode (:continue, the
    /// default with a handler, or :fail, the default without).
    #[arglists = "([state & options])"]
    "agent" => agent;
    /// Dispatches the action (apply f state-of-agent args) to agent: it runs
    /// later, on a thread of some process on the env file, one action of
    /// the agent at a time, in order per sender; the agent's state becomes
    /// its value. Returns agent at once. Held until the running transaction
    /// commits, or the running action ends.
    #[arglists = "([a f & args])"]
    "send" => send;
    /// As send (evelisp runs every action on a thread of its own).
    #[arglists = "([a f & args])"]
    "send-off" => send;
    /// As send; the executor is not used (evelisp runs every action on a
    /// thread of its own).
    #[arglists = "([executor a f & args])"]
    "send-via" => send_via;
    /// Blocks until every action dispatched to the agents so far (from any
    /// thread or process) has been applied. nil.
    #[arglists = "([& agents])"]
    "await" => await_;
    /// As await, waiting at most timeout-ms milliseconds: false if the time
    /// passed first, else true.
    #[arglists = "([timeout-ms & agents])"]
    "await-for" => await_for;
    /// The exception that failed agent a, or nil if it is not failed.
    #[arglists = "([a])"]
    "agent-error" => agent_error;
    /// Clears the error of failed agent a and sets its state to new-state;
    /// with :clear-actions true its queued actions are dropped, otherwise
    /// they run. Returns new-state.
    #[arglists = "([a new-state & options])"]
    "restart-agent" => restart_agent;
    /// Sets the error handler of agent a: (handler-fn agent exception) is
    /// called when an action throws.
    #[arglists = "([a handler-fn])"]
    "set-error-handler!" => set_error_handler;
    /// Sets the error mode of agent a: :continue (a failed action is
    /// skipped) or :fail (the agent fails and refuses actions until
    /// restart-agent).
    #[arglists = "([a mode-keyword])"]
    "set-error-mode!" => set_error_mode;
    /// The error handler of agent a, or nil.
    #[arglists = "([a])"]
    "error-handler" => error_handler;
    /// The error mode of agent a (:continue or :fail).
    #[arglists = "([a])"]
    "error-mode" => error_mode;
    /// Inside an agent action: dispatches now the sends the action made so
    /// far (normally held until it ends); their number (0 outside an
    /// action).
    #[arglists = "([])"]
    "release-pending-sends" => release_pending_sends;
    /// Stops this process's agent system: it starts no more threads for
    /// agent actions (actions sent later wait in the env file for another
    /// process, or an await here, to run them); running ones finish what
    /// was queued. nil.
    #[arglists = "([])"]
    "shutdown-agents" => shutdown_agents;
}

/// `(agent state & options)`.
pub(crate) fn agent<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some(state) = args.first() else {
        return Err(arity("clojure.core/agent", 0));
    };
    let env = i.env;
    let opts = options_map(i, &args[1..])?;
    let handler_k = env.intern_keyword(None, "error-handler")?;
    let handler = match opts.borrowed().get(handler_k.borrowed())? {
        Some(h) => env.own(h)?,
        None => Value::nil(env),
    };
    let mode_k = env.intern_keyword(None, "error-mode")?;
    let mode = match opts.borrowed().get(mode_k.borrowed())? {
        Some(m) if !m.is_nil() => env.own(m)?,
        _ if !handler.borrowed().is_nil() => env.intern_keyword(None, "continue")?,
        _ => env.intern_keyword(None, "fail")?,
    };
    let a = i.new_agent(state.clone(), mode.borrowed(), handler.borrowed())?;
    i.setup_reference(a.borrowed(), opts.borrowed())?;
    Ok(a)
}

/// `(send a f & args)`: `a`.
pub(crate) fn send<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, f, rest @ ..] = &args[..] else {
        return Err(arity("clojure.core/send", args.len()));
    };
    i.agent_send(a.borrowed(), f.borrowed(), rest)?;
    Ok(a.clone())
}

/// `(send-via executor a f & args)`: `a`.
pub(crate) fn send_via<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [_, a, f, rest @ ..] = &args[..] else {
        return Err(arity("clojure.core/send-via", args.len()));
    };
    i.agent_send(a.borrowed(), f.borrowed(), rest)?;
    Ok(a.clone())
}

/// `(await & agents)`: nil.
pub(crate) fn await_<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    i.await_agents(&args, None)?;
    Ok(Value::nil(i.env))
}

/// `(await-for ms & agents)`: whether they finished in time.
pub(crate) fn await_for<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let Some(ms) = args.first() else {
        return Err(arity("clojure.core/await-for", 0));
    };
    let ms = ms
        .borrowed()
        .as_i64()
        .map_err(|_| class_cast("java.lang.Number", ms.borrowed()))?;
    let t = std::time::Duration::from_millis(u64::try_from(ms).unwrap_or(0));
    Ok(i.env.make_bool(i.await_agents(&args[1..], Some(t))?))
}

fn field<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    f: AgentField,
) -> EvalResult<Value<'e>> {
    let a = one(name, args)?;
    i.agent_field(i.agent_arg(a.borrowed())?, f)
}

/// `(agent-error a)`.
pub(crate) fn agent_error<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    field(i, "agent-error", &args, AgentField::Error)
}

/// `(error-handler a)`.
pub(crate) fn error_handler<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    field(i, "error-handler", &args, AgentField::Handler)
}

/// `(error-mode a)`.
pub(crate) fn error_mode<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    field(i, "error-mode", &args, AgentField::Mode)
}

/// `(restart-agent a new-state & options)`: `new-state`.
pub(crate) fn restart_agent<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    let [a, state, opts @ ..] = &args[..] else {
        return Err(arity("clojure.core/restart-agent", args.len()));
    };
    let opts = options_map(i, opts)?;
    let clear_k = i.env.intern_keyword(None, "clear-actions")?;
    let clear = opts.borrowed().get(clear_k.borrowed())?.is_some_and(truthy);
    i.restart_agent(a.borrowed(), state.clone(), clear)
}

fn set_field<'e>(
    i: &Interp<'e>,
    name: &str,
    args: &[Value<'e>],
    f: AgentField,
) -> EvalResult<Value<'e>> {
    let [a, v] = args else {
        return Err(arity(&format!("clojure.core/{name}"), args.len()));
    };
    i.check_publishable(v.borrowed(), || "an agent".into())?;
    i.set_agent_field(i.agent_arg(a.borrowed())?, f, v.borrowed())?;
    Ok(Value::nil(i.env))
}

/// `(set-error-handler! a f)`: nil.
pub(crate) fn set_error_handler<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    set_field(i, "set-error-handler!", &args, AgentField::Handler)
}

/// `(set-error-mode! a mode)`: nil.
pub(crate) fn set_error_mode<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    set_field(i, "set-error-mode!", &args, AgentField::Mode)
}

/// `(release-pending-sends)`: how many sends it dispatched.
pub(crate) fn release_pending_sends<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/release-pending-sends", args.len()));
    }
    Ok(i.env.make_int(i.release_pending_sends()? as i64)?)
}

/// `(shutdown-agents)`: nil.
pub(crate) fn shutdown_agents<'e>(i: &Interp<'e>, args: Args<'e>) -> EvalResult<Value<'e>> {
    if !args.is_empty() {
        return Err(arity("clojure.core/shutdown-agents", args.len()));
    }
    crate::agent::shutdown();
    Ok(Value::nil(i.env))
}
