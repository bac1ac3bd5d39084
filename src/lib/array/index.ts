/** `lowbit-hdl/lib` array blocks; one export line per block file. */
export { broadcast, drainChain, edgeInputs, shiftChain, skewChain } from './topology.ts';
export { checkPeContract, contractTable, groupPePorts, type PeContract, type PePort } from './pe-contract.ts';
export { groupController, columnControl, groupStartFlag, holdFromGroupStart, type GroupControllerConfig } from './group-controller.ts';
export { delayLine } from './delay-line.ts';
