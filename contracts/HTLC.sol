// SPDX-License-Identifier: UNLICENSED
// HTLC.sol: the Ethereum side of the dlt-interop cross-ledger swap suite (suites/swap/,
// docs/swap.md). One hashed time-locked transfer of ether per deployment, with the same two
// branches as the BIP-199 script on the Bitcoin side:
//   - claim(preimage): anyone may submit the preimage; when sha256(preimage) equals the hash
//     lock, the locked ether goes to the recipient and the event Claimed publishes the preimage
//     (this is how the other party learns it);
//   - refund(): from the deadline on (block.timestamp >= deadline), the locked ether goes back
//     to the sender.
// Like the BIP-199 script, a claim stays possible after the deadline until someone refunds:
// the first of the two spends wins, and a claim after a refund (or a refund after a claim)
// reverts with "HTLC: not locked".
// The hash is SHA-256 (the precompile at 0x02), not Keccak-256, so that one hash locks both
// ledgers. The preimage is 32 bytes; the Bitcoin script accepts it byte for byte.
// Compiled by contracts/compile.sh (solc-js pinned in contracts/package.json, settings in
// contracts/compile.js); the output is contracts/HTLC.json and the generated block of
// suites/lib/htlc.lua.
pragma solidity 0.8.28;

contract HTLC {
    enum State { Empty, Locked, Claimed, Refunded }

    bytes32 public hashlock;
    address public sender;
    address public recipient;
    uint256 public amount;
    uint256 public deadline;
    State public state;

    event Locked(bytes32 indexed hashlock, address indexed sender, address indexed recipient,
                 uint256 amount, uint256 deadline);
    event Claimed(bytes32 indexed hashlock, address indexed recipient, bytes32 preimage,
                  uint256 amount);
    event Refunded(bytes32 indexed hashlock, address indexed sender, uint256 amount);

    /// Locks msg.value for `_recipient` under `_hashlock` (a SHA-256 digest) until `_deadline`
    /// (a block timestamp, seconds). Once per deployment.
    function lock(bytes32 _hashlock, address _recipient, uint256 _deadline) external payable {
        require(state == State.Empty, "HTLC: already locked");
        require(msg.value > 0, "HTLC: no value");
        require(_recipient != address(0), "HTLC: no recipient");
        require(_deadline > block.timestamp, "HTLC: deadline passed");
        hashlock = _hashlock;
        sender = msg.sender;
        recipient = _recipient;
        amount = msg.value;
        deadline = _deadline;
        state = State.Locked;
        emit Locked(_hashlock, msg.sender, _recipient, msg.value, _deadline);
    }

    /// Pays the locked amount to the recipient when sha256(preimage) is the hash lock, and
    /// publishes the preimage in the Claimed event.
    function claim(bytes32 preimage) external {
        require(state == State.Locked, "HTLC: not locked");
        require(sha256(abi.encodePacked(preimage)) == hashlock, "HTLC: wrong preimage");
        state = State.Claimed;
        emit Claimed(hashlock, recipient, preimage, amount);
        (bool ok, ) = recipient.call{value: amount}("");
        require(ok, "HTLC: payment failed");
    }

    /// Pays the locked amount back to the sender from the deadline on.
    function refund() external {
        require(state == State.Locked, "HTLC: not locked");
        require(block.timestamp >= deadline, "HTLC: too early");
        state = State.Refunded;
        emit Refunded(hashlock, sender, amount);
        (bool ok, ) = sender.call{value: amount}("");
        require(ok, "HTLC: payment failed");
    }
}
