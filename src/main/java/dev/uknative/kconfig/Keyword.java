package dev.uknative.kconfig;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The tokens of a Kconfig line other than symbols and strings. */
enum Keyword {
    ALLNOCONFIG_Y, AND, BOOL, CHOICE, CLOSE_PAREN, COMMENT, CONFIG, DEFAULT, DEFCONFIG_LIST, DEF_BOOL, DEF_HEX,
    DEF_INT, DEF_STRING, DEF_TRISTATE, DEPENDS, ENDCHOICE, ENDIF, ENDMENU, ENV, EQUAL, GREATER, GREATER_EQUAL,
    HELP, HEX, IF, IMPLY, INT, LESS, LESS_EQUAL, MAINMENU, MENU, MENUCONFIG, MODULES, NOT, ON, OPEN_PAREN,
    OPTION, OPTIONAL, OR, ORSOURCE, OSOURCE, PROMPT, RANGE, RSOURCE, SELECT, SOURCE, STRING, TRISTATE,
    UNEQUAL, VISIBLE;

    private static final Map<String, Keyword> WORDS = new HashMap<>();

    static {
        WORDS.put("---help---", HELP);
        WORDS.put("allnoconfig_y", ALLNOCONFIG_Y);
        WORDS.put("bool", BOOL);
        WORDS.put("boolean", BOOL);
        WORDS.put("choice", CHOICE);
        WORDS.put("comment", COMMENT);
        WORDS.put("config", CONFIG);
        WORDS.put("def_bool", DEF_BOOL);
        WORDS.put("def_hex", DEF_HEX);
        WORDS.put("def_int", DEF_INT);
        WORDS.put("def_string", DEF_STRING);
        WORDS.put("def_tristate", DEF_TRISTATE);
        WORDS.put("default", DEFAULT);
        WORDS.put("defconfig_list", DEFCONFIG_LIST);
        WORDS.put("depends", DEPENDS);
        WORDS.put("endchoice", ENDCHOICE);
        WORDS.put("endif", ENDIF);
        WORDS.put("endmenu", ENDMENU);
        WORDS.put("env", ENV);
        WORDS.put("grsource", ORSOURCE);
        WORDS.put("gsource", OSOURCE);
        WORDS.put("help", HELP);
        WORDS.put("hex", HEX);
        WORDS.put("if", IF);
        WORDS.put("imply", IMPLY);
        WORDS.put("int", INT);
        WORDS.put("mainmenu", MAINMENU);
        WORDS.put("menu", MENU);
        WORDS.put("menuconfig", MENUCONFIG);
        WORDS.put("modules", MODULES);
        WORDS.put("on", ON);
        WORDS.put("option", OPTION);
        WORDS.put("optional", OPTIONAL);
        WORDS.put("orsource", ORSOURCE);
        WORDS.put("osource", OSOURCE);
        WORDS.put("prompt", PROMPT);
        WORDS.put("range", RANGE);
        WORDS.put("rsource", RSOURCE);
        WORDS.put("select", SELECT);
        WORDS.put("source", SOURCE);
        WORDS.put("string", STRING);
        WORDS.put("tristate", TRISTATE);
        WORDS.put("visible", VISIBLE);
    }

    /** Tokens after which a quoted or bare word is text, not a symbol. */
    static final Set<Keyword> STRING_LEX = EnumSet.of(BOOL, CHOICE, COMMENT, HEX, INT, MAINMENU, MENU, ORSOURCE,
            OSOURCE, PROMPT, RSOURCE, SOURCE, STRING, TRISTATE);

    static final Set<Keyword> TYPES = EnumSet.of(BOOL, TRISTATE, INT, HEX, STRING);

    static final Set<Keyword> SOURCES = EnumSet.of(SOURCE, RSOURCE, OSOURCE, ORSOURCE);

    static final Set<Keyword> RELATIONS = EnumSet.of(EQUAL, UNEQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL);

    static Keyword of(String word) {
        return WORDS.get(word);
    }

    SymbolType type() {
        return switch (this) {
            case BOOL, DEF_BOOL -> SymbolType.BOOL;
            case TRISTATE, DEF_TRISTATE -> SymbolType.TRISTATE;
            case INT, DEF_INT -> SymbolType.INT;
            case HEX, DEF_HEX -> SymbolType.HEX;
            case STRING, DEF_STRING -> SymbolType.STRING;
            default -> throw new IllegalStateException(this + " is not a type");
        };
    }

    Expr.Relation relation() {
        return switch (this) {
            case EQUAL -> Expr.Relation.EQUAL;
            case UNEQUAL -> Expr.Relation.UNEQUAL;
            case LESS -> Expr.Relation.LESS;
            case LESS_EQUAL -> Expr.Relation.LESS_EQUAL;
            case GREATER -> Expr.Relation.GREATER;
            case GREATER_EQUAL -> Expr.Relation.GREATER_EQUAL;
            default -> throw new IllegalStateException(this + " is not a relation");
        };
    }
}
