// What the page uses from Preact and htm. `npm run vendor` bundles this file into
// vendor/preact-htm.js, the only third-party code the page loads.
import { h, render, Fragment, createContext } from 'preact';
import {
  useState,
  useEffect,
  useRef,
  useMemo,
  useCallback,
  useReducer,
  useContext,
  useId,
} from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

export {
  h,
  render,
  Fragment,
  createContext,
  useState,
  useEffect,
  useRef,
  useMemo,
  useCallback,
  useReducer,
  useContext,
  useId,
};
