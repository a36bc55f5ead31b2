import type {
  PricedCart,
  PricingInput,
  PricingRegistry,
  PricingStep,
  PricingStepFn,
  PricingStepPosition,
} from '#plugin_host/extension_points/pricing'

export function emptyPricedCart(currency: string): PricedCart {
  return {
    currency,
    lines: [],
    subtotal: 0,
    discountTotal: 0,
    shippingTotal: 0,
    taxTotal: 0,
    shippingTax: 0,
    total: 0,
    taxIncluded: false,
    taxRate: null,
    discount: null,
    shippingOptions: [],
    shippingMethod: null,
    requiresShipping: false,
    messages: [],
  }
}

interface RegisteredStep extends PricingStep {
  /** "core" or the plugin that registered it, for error messages */
  owner: string
  /** the step it was placed right after, so later steps after the same anchor queue behind it */
  after?: string
}

/**
 * The ordered registry of pricing steps and the one way to run them. Core's
 * steps come first (in the order given); plugins place theirs before or
 * after any step by name through `ctx.pricing`. One instance lives in the
 * plugin host and is bound in the container, so every caller (cart pages,
 * mini cart, checkout, placing an order) prices with the same steps.
 */
export class PricingPipeline {
  #steps: RegisteredStep[] = []

  constructor(coreSteps: readonly PricingStep[]) {
    for (const step of coreSteps) this.add('core', step.name, step.apply)
  }

  /**
   * Registers a step for `owner`. Throws (the host names the plugin) when
   * the name is taken or the anchor is not a registered step.
   */
  add(owner: string, name: string, apply: PricingStepFn, position: PricingStepPosition = {}) {
    if (!name || typeof apply !== 'function') {
      throw new Error(`a pricing step needs a name and a function (got "${name}")`)
    }
    const taken = this.#steps.find((step) => step.name === name)
    if (taken) {
      throw new Error(`pricing step "${name}" is already registered by ${ownerLabel(taken.owner)}`)
    }
    if (position.before !== undefined && position.after !== undefined) {
      throw new Error(`pricing step "${name}" names both a before and an after step; give one`)
    }
    const anchor = position.before ?? position.after
    const at = anchor === undefined ? this.#steps.length : this.#steps.findIndex((step) => step.name === anchor)
    if (at < 0) {
      throw new Error(
        `pricing step "${name}" is placed ${position.before !== undefined ? 'before' : 'after'} "${anchor}", ` +
          `which is not a registered pricing step (steps: ${this.names().join(', ')})`
      )
    }
    let index = at
    if (position.after !== undefined) {
      index = at + 1
      while (index < this.#steps.length && this.#steps[index].after === position.after) index++
    }
    this.#steps.splice(index, 0, { name, apply, owner, after: position.after })
  }

  /** The registry as one plugin sees it: its steps are recorded under its name. */
  registryFor(owner: string): PricingRegistry {
    return {
      step: (name, apply, position) => this.add(owner, name, apply, position),
      names: () => this.names(),
    }
  }

  names() {
    return this.#steps.map((step) => step.name)
  }

  /** Runs every step over a fresh state and settles the grand total. */
  async run(input: PricingInput): Promise<PricedCart> {
    const state = emptyPricedCart(input.currency.toUpperCase())
    for (const step of this.#steps) await step.apply(state, input)
    state.total = state.subtotal - state.discountTotal + state.shippingTotal + (state.taxIncluded ? 0 : state.taxTotal)
    return state
  }
}

function ownerLabel(owner: string) {
  return owner === 'core' ? 'core' : `plugin "${owner}"`
}
